package cn.qianli.dicom;

/**
 * Data element tags from PS3.6 that the project names in code, as (group &lt;&lt; 16 | element).
 * Add here, never write a raw hex tag elsewhere. Command-set tags (group 0000) live with the
 * DIMSE code in {@code cn.qianli.dicom.net}.
 */
public final class Tag {

    private Tag() {
    }

    // File Meta Information (group 0002)
    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SourceApplicationEntityTitle = 0x00020016;

    // Identity
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int StudyTime = 0x00080030;
    public static final int AccessionNumber = 0x00080050;
    public static final int QueryRetrieveLevel = 0x00080052;
    public static final int Modality = 0x00080060;
    public static final int ModalitiesInStudy = 0x00080061;
    public static final int InstitutionName = 0x00080080;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientSex = 0x00100040;
    public static final int BodyPartExamined = 0x00180015;
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int InstanceNumber = 0x00200013;
    public static final int NumberOfStudyRelatedSeries = 0x00201206;
    public static final int NumberOfStudyRelatedInstances = 0x00201208;
    public static final int NumberOfSeriesRelatedInstances = 0x00201209;

    // Image pixel
    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int PixelSpacing = 0x00280030;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int PixelData = 0x7FE00010;

    // Image plane and acquisition (synthetic studies)
    public static final int SeriesDate = 0x00080021;
    public static final int SeriesTime = 0x00080031;
    public static final int InstanceCreationDate = 0x00080012;
    public static final int Manufacturer = 0x00080070;
    public static final int SliceThickness = 0x00180050;
    public static final int KVP = 0x00180060;
    public static final int ImagePositionPatient = 0x00200032;
    public static final int ImageOrientationPatient = 0x00200037;
    public static final int FrameOfReferenceUID = 0x00200052;
    public static final int SliceLocation = 0x00201041;

    // Data side: identity extras, pixel module, encapsulation and delimiters
    public static final int ImageType = 0x00080008;
    public static final int NumberOfFramesInRotation = 0x00189130;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int PixelPaddingValue = 0x00280120;
    public static final int VOILUTFunction = 0x00281056;
    public static final int LossyImageCompression = 0x00282110;
    public static final int ExtendedOffsetTable = 0x7FE00001;
    public static final int ExtendedOffsetTableLengths = 0x7FE00002;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int DataSetTrailingPadding = 0xFFFCFFFC;
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    // STOW-RS response (PS3.18 10.5.3) and request priority (gateway)
    public static final int FailureReason = 0x00081197;
    public static final int FailedSOPSequence = 0x00081198;
    public static final int ReferencedSOPSequence = 0x00081199;
    public static final int WarningReason = 0x00081196;
    public static final int ReferencedSOPClassUID = 0x00081150;
    public static final int ReferencedSOPInstanceUID = 0x00081155;
    public static final int RetrieveURL = 0x00081190;
    public static final int StudyPriorityID = 0x0032000C;
    public static final int RequestAttributesSequence = 0x00400275;
    public static final int RequestedProcedurePriority = 0x00401003;

    // Media directory (PS3.10 DICOMDIR, gateway import)
    public static final int DirectoryRecordSequence = 0x00041220;
    public static final int DirectoryRecordType = 0x00041430;
    public static final int ReferencedFileID = 0x00041500;
    public static final int ReferencedSOPInstanceUIDInFile = 0x00041511;

    // Palette colour lookup tables (PS3.3 C.7.6.3)
    public static final int RedPaletteColorLookupTableDescriptor = 0x00281101;
    public static final int GreenPaletteColorLookupTableDescriptor = 0x00281102;
    public static final int BluePaletteColorLookupTableDescriptor = 0x00281103;
    public static final int RedPaletteColorLookupTableData = 0x00281201;
    public static final int GreenPaletteColorLookupTableData = 0x00281202;
    public static final int BluePaletteColorLookupTableData = 0x00281203;

    // Other patient identifiers (multi-valued text in the character set tests)
    public static final int OtherPatientIDs = 0x00101000;
    public static final int OtherPatientNames = 0x00101001;

    // Reading request prefill (PS3.3 C.4.13 Requested Procedure, C.7.2.2 Patient Study)
    public static final int ReasonForStudy = 0x00321030;
    public static final int RequestingPhysician = 0x00321032;
    public static final int RequestedProcedureDescription = 0x00321060;
    public static final int ReasonForTheRequestedProcedure = 0x00401002;

    // Enhanced multi-frame functional groups (PS3.3 C.7.6.16): rescale and window per frame
    public static final int SharedFunctionalGroupsSequence = 0x52009229;
    public static final int PerFrameFunctionalGroupsSequence = 0x52009230;
    public static final int FrameVOILUTSequence = 0x00289132;
    public static final int PixelValueTransformationSequence = 0x00289145;

    // Encapsulated PDF report objects (PS3.3 A.45.1, C.24.2 Encapsulated Document, C.8.6.1 SC Equipment)
    public static final int ConversionType = 0x00080064;
    public static final int ContentDate = 0x00080023;
    public static final int ContentTime = 0x00080033;
    public static final int AcquisitionDateTime = 0x0008002A;
    public static final int InstanceCreationTime = 0x00080014;
    public static final int StationName = 0x00081010;
    public static final int BurnedInAnnotation = 0x00280301;
    public static final int ConceptNameCodeSequence = 0x0040A043;
    public static final int DocumentTitle = 0x00420010;
    public static final int EncapsulatedDocument = 0x00420011;
    public static final int MIMETypeOfEncapsulatedDocument = 0x00420012;
    public static final int EncapsulatedDocumentLength = 0x00420015;
}
