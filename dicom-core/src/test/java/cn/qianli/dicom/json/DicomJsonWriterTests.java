package cn.qianli.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.JsonChecks;
import cn.qianli.dicom.SampleFiles;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Vr;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DicomJsonWriterTests {

    @Test
    void writesTheDicomJsonModelWithNumbersAndPersonNameGroups() throws Exception {
        DataSet ds = new DataSet()
                .putString(Tag.StudyInstanceUID, Vr.UI, "1.2.3")
                .putString(Tag.SpecificCharacterSet, Vr.CS, "ISO_IR 192")
                .putString(Tag.PatientName, Vr.PN, "Wang^XiaoDong=王^小东")
                .putString(Tag.SeriesNumber, Vr.IS, "7")
                .putString(Tag.PixelSpacing, Vr.DS, "0.5", "2.5E-1")
                .putInt(Tag.Rows, Vr.US, 512)
                .putString(Tag.ModalitiesInStudy, Vr.CS, "CT", "MR")
                .putString(Tag.AccessionNumber, Vr.SH);
        assertThat(json(new DicomJsonWriter(null), ds)).isEqualTo("{"
                + "\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},"
                + "\"00080050\":{\"vr\":\"SH\"},"
                + "\"00080061\":{\"vr\":\"CS\",\"Value\":[\"CT\",\"MR\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Wang^XiaoDong\",\"Ideographic\":\"王^小东\"}]},"
                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
                + "\"00200011\":{\"vr\":\"IS\",\"Value\":[7]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[512]},"
                + "\"00280030\":{\"vr\":\"DS\",\"Value\":[0.5,0.25]}}");
    }

    @Test
    void writesSequencesAsNestedDataSets() throws Exception {
        DataSet ds = new DataSet();
        DataSet item = ds.newItem().putString(Tag.SOPInstanceUID, Vr.UI, "1.2.3.4");
        ds.putSequence(0x00081115, List.of(item, ds.newItem()));
        assertThat(json(new DicomJsonWriter(null), ds)).isEqualTo(
                "{\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4\"]}},{}]}}");
    }

    @Test
    void keepsAnIntegerStringThatIsNoNumberAsAString() throws Exception {
        DataSet ds = new DataSet().putString(Tag.NumberOfFrames, Vr.IS, "1A");
        assertThat(json(new DicomJsonWriter(null), ds)).isEqualTo("{\"00280008\":{\"vr\":\"IS\",\"Value\":[\"1A\"]}}");
    }

    @Test
    void writesAttributeTagsAsHexStrings() throws Exception {
        DicomInstance dose = DicomInstance.read(SampleFiles.testFile("rtdose.dcm"));
        assertThat(json(new DicomJsonWriter(null), dose.dataSet()))
                .contains("\"00280009\":{\"vr\":\"AT\",\"Value\":[\"3004000C\"]}");
    }

    @Test
    void writesBulkDataUrisWithTagPathsIntoSequences() throws Exception {
        DicomInstance ecg = DicomInstance.read(SampleFiles.testFile("waveform_ecg.dcm"));
        String json = json(new DicomJsonWriter(path -> "bulk/" + path), ecg.dataSet());
        assertThat(json).contains("\"54001010\":{\"vr\":\"OW\",\"BulkDataURI\":\"bulk/54000100/0/54001010\"}");
        JsonChecks.checkDataSet(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesLongTextAsBulkDataWhenUrisAreGiven() throws Exception {
        DataSet ds = new DataSet().putString(Tag.StudyDescription, Vr.LO, "x".repeat(40));
        assertThat(json(new DicomJsonWriter(path -> "bulk/" + path, 32), ds))
                .isEqualTo("{\"00081030\":{\"vr\":\"LO\",\"BulkDataURI\":\"bulk/00081030\"}}");
    }

    @Test
    void inlinesSmallBinaryValuesAndLeavesLargeOnesOutWithoutUris() throws Exception {
        DicomInstance mr = DicomInstance.read(SampleFiles.testFile("MR_small_bigendian.dcm"));
        assertThat(json(new DicomJsonWriter(null), mr.dataSet())).contains("\"7FE00010\":{\"vr\":\"OW\"}");

        String inline = json(new DicomJsonWriter(null, 10_000), mr.dataSet());
        Matcher m = Pattern.compile("\"7FE00010\":\\{\"vr\":\"OW\",\"InlineBinary\":\"([^\"]+)\"}").matcher(inline);
        assertThat(m.find()).isTrue();
        byte[] littleEndian = Base64.getDecoder().decode(m.group(1));
        byte[] reference = DicomInstance.read(SampleFiles.testFile("MR_small.dcm")).dataSet().get(Tag.PixelData).bytes();
        assertThat(littleEndian).isEqualTo(reference);
    }

    @Test
    void writesAnArrayOfDataSetsForQueryResponses() throws Exception {
        DataSet a = new DataSet().putString(Tag.StudyInstanceUID, Vr.UI, "1.2.3");
        DataSet b = new DataSet().putString(Tag.StudyInstanceUID, Vr.UI, "1.2.4")
                .putString(Tag.NumberOfStudyRelatedInstances, Vr.IS, "12");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomJsonWriter(null).writeArray(List.of(a, b), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}},"
                + "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.4\"]},\"00201208\":{\"vr\":\"IS\",\"Value\":[12]}}]");
        assertThat(JsonChecks.checkArray(out.toByteArray())).isEqualTo(2);
    }

    @Test
    void leavesFileMetaInformationGroupLengthsAndPaddingOut() throws Exception {
        DicomInstance padded = DicomInstance.read(SampleFiles.testFile("MR_small_padded.dcm"));
        String json = json(new DicomJsonWriter(path -> "bulk/" + path), padded.dataSet());
        assertThat(json).doesNotContain("\"FFFCFFFC\"", "\"0002").doesNotContainPattern("\"[0-9A-F]{4}0000\"");
    }

    private static String json(DicomJsonWriter writer, DataSet ds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(ds, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
