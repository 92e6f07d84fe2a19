/**
 * The DICOM attributes the viewer names, by keyword (PS3.6), with their tags as
 * DICOM JSON writes them (PS3.18 F.2: eight upper-case hex digits). This is the one
 * place a tag number is written; everything else uses the keyword.
 */
export const TAGS = {
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  StudyDate: '00080020',
  SeriesDate: '00080021',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  Modality: '00080060',
  ModalitiesInStudy: '00080061',
  InstitutionName: '00080080',
  ReferringPhysicianName: '00080090',
  RetrieveURL: '00081190',
  StudyDescription: '00081030',
  SeriesDescription: '0008103E',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  PatientSex: '00100040',
  BodyPartExamined: '00180015',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  StudyID: '00200010',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
  NumberOfFrames: '00280008',
  Rows: '00280010',
  Columns: '00280011',
  BitsAllocated: '00280100',
  TransferSyntaxUID: '00020010',
  ImagePositionPatient: '00200032',
  ImageOrientationPatient: '00200037',
  SliceLocation: '00201041',
  PixelSpacing: '00280030',
  SliceThickness: '00180050',
  WindowCenter: '00281050',
  WindowWidth: '00281051',
  RescaleIntercept: '00281052',
  RescaleSlope: '00281053',
  PhotometricInterpretation: '00280004',
  RedPaletteColorLookupTableData: '00281201',
  GreenPaletteColorLookupTableData: '00281202',
  BluePaletteColorLookupTableData: '00281203',
} as const;

export type DicomKeyword = keyof typeof TAGS;

/** A Person Name value in DICOM JSON (PS3.18 F.2.2): Chinese names usually sit in Ideographic. */
export interface PersonName {
  readonly Alphabetic?: string;
  readonly Ideographic?: string;
  readonly Phonetic?: string;
}

/** The JavaScript type of one value of each attribute, from its VR (PS3.18 F.2.3). */
export interface KeywordValue {
  SOPClassUID: string;
  SOPInstanceUID: string;
  StudyDate: string;
  SeriesDate: string;
  StudyTime: string;
  AccessionNumber: string;
  Modality: string;
  ModalitiesInStudy: string;
  InstitutionName: string;
  ReferringPhysicianName: PersonName;
  RetrieveURL: string;
  StudyDescription: string;
  SeriesDescription: string;
  PatientName: PersonName;
  PatientID: string;
  PatientBirthDate: string;
  PatientSex: string;
  BodyPartExamined: string;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  StudyID: string;
  SeriesNumber: number;
  InstanceNumber: number;
  NumberOfStudyRelatedSeries: number;
  NumberOfStudyRelatedInstances: number;
  NumberOfSeriesRelatedInstances: number;
  NumberOfFrames: number;
  Rows: number;
  Columns: number;
  BitsAllocated: number;
  TransferSyntaxUID: string;
  ImagePositionPatient: number;
  ImageOrientationPatient: number;
  SliceLocation: number;
  PixelSpacing: number;
  SliceThickness: number;
  WindowCenter: number;
  WindowWidth: number;
  RescaleIntercept: number;
  RescaleSlope: number;
  PhotometricInterpretation: string;
  RedPaletteColorLookupTableData: number;
  GreenPaletteColorLookupTableData: number;
  BluePaletteColorLookupTableData: number;
}
