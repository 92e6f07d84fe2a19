package cn.qianli.dicom.report;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DateTimeAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.ShortTextAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes a report PDF as an Encapsulated PDF Storage instance of the study it reports on:
 * Patient and General Study modules copied from the study, an Encapsulated Document Series
 * (modality {@code DOC}), SC Equipment (conversion type {@code WSD}) and the Encapsulated Document
 * module. UTF-8 (ISO_IR 192), Explicit VR Little Endian.
 *
 * @param studyInstanceUid        the study the report belongs to (its patient and study attributes follow)
 * @param seriesInstanceUid       a new series for report objects
 * @param sopInstanceUid          this object's UID
 * @param content                 when the report was signed, in the centre's local time
 * @param documentTitle           e.g. {@code 影像诊断报告 Imaging Report}
 */
public record EncapsulatedPdfReport(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String patientId, String patientName, String patientBirthDate, String patientSex, String studyDate,
        String studyTime, String accessionNumber, String studyId, String referringPhysicianName,
        String institutionName, String stationName, String manufacturer, int seriesNumber, int instanceNumber,
        LocalDateTime content, String documentTitle) {

    private static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    public EncapsulatedPdfReport {
        patientId = orEmpty(patientId);
        patientName = orEmpty(patientName);
        patientBirthDate = orEmpty(patientBirthDate);
        patientSex = orEmpty(patientSex);
        studyDate = orEmpty(studyDate);
        studyTime = orEmpty(studyTime);
        accessionNumber = orEmpty(accessionNumber);
        studyId = orEmpty(studyId);
        referringPhysicianName = orEmpty(referringPhysicianName);
        institutionName = orEmpty(institutionName);
        stationName = orEmpty(stationName);
        manufacturer = orEmpty(manufacturer);
        documentTitle = orEmpty(documentTitle);
    }

    /** Writes the Part 10 file holding {@code pdf}. */
    public void write(byte[] pdf, Path file) throws IOException {
        if (pdf.length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F') {
            throw new IllegalArgumentException("not a PDF document");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            dataSet(pdf).write(out, Uid.EXPLICIT_VR_LITTLE_ENDIAN, true, true);
        } catch (DicomException e) {
            throw new IOException("cannot encode the report object: " + e.getMessage(), e);
        }
    }

    AttributeList dataSet(byte[] pdf) throws DicomException {
        AttributeList list = new AttributeList();
        // SOP Common
        put(list, new CodeStringAttribute(tag(Tag.SpecificCharacterSet)), "ISO_IR 192");
        put(list, new UniqueIdentifierAttribute(tag(Tag.SOPClassUID)), Uid.ENCAPSULATED_PDF_STORAGE);
        put(list, new UniqueIdentifierAttribute(tag(Tag.SOPInstanceUID)), sopInstanceUid);
        put(list, new DateAttribute(tag(Tag.InstanceCreationDate)), DA.format(content));
        put(list, new TimeAttribute(tag(Tag.InstanceCreationTime)), TM.format(content));
        // Patient
        put(list, new PersonNameAttribute(tag(Tag.PatientName), UTF_8), patientName);
        put(list, new LongStringAttribute(tag(Tag.PatientID), UTF_8), patientId);
        put(list, new DateAttribute(tag(Tag.PatientBirthDate)), patientBirthDate);
        put(list, new CodeStringAttribute(tag(Tag.PatientSex)), patientSex);
        // General Study
        put(list, new UniqueIdentifierAttribute(tag(Tag.StudyInstanceUID)), studyInstanceUid);
        put(list, new DateAttribute(tag(Tag.StudyDate)), studyDate);
        put(list, new TimeAttribute(tag(Tag.StudyTime)), studyTime);
        put(list, new PersonNameAttribute(tag(Tag.ReferringPhysicianName), UTF_8), referringPhysicianName);
        put(list, new ShortStringAttribute(tag(Tag.StudyID), UTF_8), studyId);
        put(list, new ShortStringAttribute(tag(Tag.AccessionNumber), UTF_8), accessionNumber);
        // Encapsulated Document Series
        put(list, new CodeStringAttribute(tag(Tag.Modality)), "DOC");
        put(list, new UniqueIdentifierAttribute(tag(Tag.SeriesInstanceUID)), seriesInstanceUid);
        put(list, new IntegerStringAttribute(tag(Tag.SeriesNumber)), Integer.toString(seriesNumber));
        put(list, new LongStringAttribute(tag(Tag.SeriesDescription), UTF_8), "诊断报告 Report");
        // General Equipment and SC Equipment
        put(list, new LongStringAttribute(tag(Tag.Manufacturer), UTF_8), manufacturer);
        put(list, new LongStringAttribute(tag(Tag.InstitutionName), UTF_8), institutionName);
        put(list, new ShortStringAttribute(tag(Tag.StationName), UTF_8), stationName);
        put(list, new CodeStringAttribute(tag(Tag.ConversionType)), "WSD");
        // Encapsulated Document
        put(list, new IntegerStringAttribute(tag(Tag.InstanceNumber)), Integer.toString(instanceNumber));
        put(list, new DateAttribute(tag(Tag.ContentDate)), DA.format(content));
        put(list, new TimeAttribute(tag(Tag.ContentTime)), TM.format(content));
        put(list, new DateTimeAttribute(tag(Tag.AcquisitionDateTime)), DT.format(content));
        put(list, new CodeStringAttribute(tag(Tag.BurnedInAnnotation)), "YES");
        put(list, new ShortTextAttribute(tag(Tag.DocumentTitle), UTF_8), documentTitle);
        list.put(new SequenceAttribute(tag(Tag.ConceptNameCodeSequence)));
        put(list, new LongStringAttribute(tag(Tag.MIMETypeOfEncapsulatedDocument), UTF_8), "application/pdf");
        Attribute length = new UnsignedLongAttribute(tag(Tag.EncapsulatedDocumentLength));
        length.addValue(pdf.length);
        list.put(length);
        OtherByteAttribute document = new OtherByteAttribute(tag(Tag.EncapsulatedDocument));
        // OB values are padded to even length with 00 (PS3.5 6.2); the length above is the PDF's own
        document.setValues(pdf.length % 2 == 0 ? pdf : Arrays.copyOf(pdf, pdf.length + 1));
        list.put(document);
        String aeTitle = stationName.isEmpty() ? "QIANLI" : stationName;
        FileMetaInformation.addFileMetaInformation(list, Uid.EXPLICIT_VR_LITTLE_ENDIAN,
                aeTitle.length() > 16 ? aeTitle.substring(0, 16) : aeTitle);
        return list;
    }

    private static void put(AttributeList list, Attribute attribute, String value) throws DicomException {
        if (!value.isEmpty()) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    private static AttributeTag tag(int tag) {
        return new AttributeTag(tag >>> 16, tag & 0xFFFF);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
