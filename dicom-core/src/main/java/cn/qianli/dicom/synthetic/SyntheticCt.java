package cn.qianli.dicom.synthetic;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic CT study: one axial series through an elliptical head phantom (air, skull, brain,
 * ventricles) stored as 16-bit unsigned pixels with rescale intercept -1024, explicit VR little
 * endian, UTF-8 text. Every call to {@link #writeTo} writes a new series of the same study.
 */
public final class SyntheticCt {

    private static final String AE_TITLE = "QIANLI";
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});

    private final String patientId;
    private final String patientName;
    private final String studyInstanceUid = Uids.newUid();
    private final String frameOfReferenceUid = Uids.newUid();
    private final LocalDateTime studyTime;
    private String accessionNumber = "";
    private String institutionName = "";
    private String studyDescription = "头颅平扫 Head CT";
    private String bodyPart = "HEAD";
    private int rows = 512;
    private int columns = 512;
    private int slices = 1;
    private int seriesCount;

    private SyntheticCt(String patientId, String patientName, LocalDateTime studyTime) {
        this.patientId = patientId;
        this.patientName = patientName;
        this.studyTime = studyTime;
    }

    /** A new study with fresh UIDs for the given patient (name in DICOM PN form, e.g. "张^伟"). */
    public static SyntheticCt study(String patientId, String patientName) {
        return new SyntheticCt(patientId, patientName, LocalDateTime.now().withNano(0));
    }

    public SyntheticCt size(int rows, int columns) {
        if (rows < 8 || columns < 8 || rows > 4096 || columns > 4096) {
            throw new IllegalArgumentException("rows and columns must be within 8..4096");
        }
        this.rows = rows;
        this.columns = columns;
        return this;
    }

    public SyntheticCt slices(int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("a series needs at least one slice");
        }
        this.slices = slices;
        return this;
    }

    public SyntheticCt accessionNumber(String accessionNumber) {
        this.accessionNumber = accessionNumber;
        return this;
    }

    public SyntheticCt institutionName(String institutionName) {
        this.institutionName = institutionName;
        return this;
    }

    public SyntheticCt studyDescription(String studyDescription) {
        this.studyDescription = studyDescription;
        return this;
    }

    public SyntheticCt bodyPart(String bodyPart) {
        this.bodyPart = bodyPart;
        return this;
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    /**
     * Writes one new series of this study into {@code directory}, one Part 10 file a slice, and
     * returns the files in slice order. File names are ours (series number and slice index).
     */
    public List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        int seriesNumber = ++seriesCount;
        String seriesInstanceUid = Uids.newUid();
        List<Path> files = new ArrayList<>(slices);
        for (int slice = 0; slice < slices; slice++) {
            Path file = directory.resolve(String.format("s%03d-i%05d.dcm", seriesNumber, slice + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                AttributeList list = slice(seriesInstanceUid, seriesNumber, slice);
                list.write(out, Uid.EXPLICIT_VR_LITTLE_ENDIAN, true, true);
            } catch (DicomException e) {
                throw new IOException("cannot encode synthetic slice " + (slice + 1) + ": " + e.getMessage(), e);
            }
            files.add(file);
        }
        return files;
    }

    private AttributeList slice(String seriesInstanceUid, int seriesNumber, int slice) throws DicomException {
        AttributeList list = new AttributeList();
        String date = DA.format(studyTime);
        String time = TM.format(studyTime);
        double pixelSpacing = 250.0 / columns;
        double sliceThickness = 5.0;
        double z = slice * sliceThickness;

        put(list, new CodeStringAttribute(tag(Tag.SpecificCharacterSet)), "ISO_IR 192");
        put(list, new UniqueIdentifierAttribute(tag(Tag.SOPClassUID)), Uid.CT_IMAGE_STORAGE);
        put(list, new UniqueIdentifierAttribute(tag(Tag.SOPInstanceUID)), Uids.newUid());
        put(list, new DateAttribute(tag(Tag.StudyDate)), date);
        put(list, new DateAttribute(tag(Tag.SeriesDate)), date);
        put(list, new TimeAttribute(tag(Tag.StudyTime)), time);
        put(list, new TimeAttribute(tag(Tag.SeriesTime)), time);
        put(list, new ShortStringAttribute(tag(Tag.AccessionNumber), UTF_8), accessionNumber);
        put(list, new CodeStringAttribute(tag(Tag.Modality)), "CT");
        put(list, new LongStringAttribute(tag(Tag.Manufacturer), UTF_8), "Qianli synthetic phantom");
        put(list, new LongStringAttribute(tag(Tag.InstitutionName), UTF_8), institutionName);
        put(list, new PersonNameAttribute(tag(Tag.ReferringPhysicianName), UTF_8), "");
        put(list, new LongStringAttribute(tag(Tag.StudyDescription), UTF_8), studyDescription);
        put(list, new LongStringAttribute(tag(Tag.SeriesDescription), UTF_8), "轴位 5mm Axial");
        put(list, new PersonNameAttribute(tag(Tag.PatientName), UTF_8), patientName);
        put(list, new LongStringAttribute(tag(Tag.PatientID), UTF_8), patientId);
        put(list, new DateAttribute(tag(Tag.PatientBirthDate)), "");
        put(list, new CodeStringAttribute(tag(Tag.PatientSex)), "");
        put(list, new CodeStringAttribute(tag(Tag.BodyPartExamined)), bodyPart);
        put(list, new DecimalStringAttribute(tag(Tag.SliceThickness)), "5");
        put(list, new DecimalStringAttribute(tag(Tag.KVP)), "120");
        put(list, new UniqueIdentifierAttribute(tag(Tag.StudyInstanceUID)), studyInstanceUid);
        put(list, new UniqueIdentifierAttribute(tag(Tag.SeriesInstanceUID)), seriesInstanceUid);
        put(list, new ShortStringAttribute(tag(Tag.StudyID), UTF_8), "1");
        put(list, new IntegerStringAttribute(tag(Tag.SeriesNumber)), Integer.toString(seriesNumber));
        put(list, new IntegerStringAttribute(tag(Tag.InstanceNumber)), Integer.toString(slice + 1));
        Attribute position = new DecimalStringAttribute(tag(Tag.ImagePositionPatient));
        position.addValue(-125.0);
        position.addValue(-125.0);
        position.addValue(z);
        list.put(position);
        Attribute orientation = new DecimalStringAttribute(tag(Tag.ImageOrientationPatient));
        for (double v : new double[] {1, 0, 0, 0, 1, 0}) {
            orientation.addValue(v);
        }
        list.put(orientation);
        put(list, new UniqueIdentifierAttribute(tag(Tag.FrameOfReferenceUID)), frameOfReferenceUid);
        put(list, new DecimalStringAttribute(tag(Tag.SliceLocation)), Double.toString(z));
        put(list, new UnsignedShortAttribute(tag(Tag.SamplesPerPixel)), "1");
        put(list, new CodeStringAttribute(tag(Tag.PhotometricInterpretation)), "MONOCHROME2");
        put(list, new UnsignedShortAttribute(tag(Tag.Rows)), Integer.toString(rows));
        put(list, new UnsignedShortAttribute(tag(Tag.Columns)), Integer.toString(columns));
        Attribute spacing = new DecimalStringAttribute(tag(Tag.PixelSpacing));
        spacing.addValue(pixelSpacing);
        spacing.addValue(pixelSpacing);
        list.put(spacing);
        put(list, new UnsignedShortAttribute(tag(Tag.BitsAllocated)), "16");
        put(list, new UnsignedShortAttribute(tag(Tag.BitsStored)), "12");
        put(list, new UnsignedShortAttribute(tag(Tag.HighBit)), "11");
        put(list, new UnsignedShortAttribute(tag(Tag.PixelRepresentation)), "0");
        put(list, new DecimalStringAttribute(tag(Tag.WindowCenter)), "40");
        put(list, new DecimalStringAttribute(tag(Tag.WindowWidth)), "80");
        put(list, new DecimalStringAttribute(tag(Tag.RescaleIntercept)), "-1024");
        put(list, new DecimalStringAttribute(tag(Tag.RescaleSlope)), "1");
        OtherWordAttribute pixels = new OtherWordAttribute(tag(Tag.PixelData));
        pixels.setValues(HeadPhantom.slice(rows, columns, slice, slices));
        list.put(pixels);
        FileMetaInformation.addFileMetaInformation(list, Uid.EXPLICIT_VR_LITTLE_ENDIAN, AE_TITLE);
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
}
