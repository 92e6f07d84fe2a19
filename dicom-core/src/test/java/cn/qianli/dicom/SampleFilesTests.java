package cn.qianli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.qianli.dicom.pixels.Frame;
import cn.qianli.dicom.pixels.FrameDecoder;
import cn.qianli.dicom.pixels.UnsupportedTransferSyntaxException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample file either reads whole (identity, DICOM JSON that parses back with upper-case
 * ascending keys and numeric numbers, frame 0 decoded when its syntax is supported) or fails
 * with the DicomFormatException this table expects. Files added to the samples later must read.
 */
class SampleFilesTests {

    /** Files that are not a readable instance, and what the error must say. */
    static final Map<String, String> UNREADABLE = Map.ofEntries(
            Map.entry("ExplVR_BigEndNoMeta.dcm", "not a DICOM Part 10 file"),
            Map.entry("ExplVR_LitEndNoMeta.dcm", "not a DICOM Part 10 file"),
            Map.entry("no_meta.dcm", "not a DICOM Part 10 file"),
            Map.entry("rtstruct.dcm", "not a DICOM Part 10 file"),
            Map.entry("meta_missing_tsyntax.dcm", "no Transfer Syntax UID (0002,0010)"),
            Map.entry("MR_truncated.dcm", "truncated at offset 1500: (7FE0,0010) OW value of 8192 bytes"),
            Map.entry("rtplan_truncated.dcm", "truncated at offset 1418: (300A,00B0) SQ value of 976 bytes"),
            Map.entry("SC_rgb_jpeg.dcm", "bad VR 0x18 0x00 for (0008,0008)"),
            Map.entry("badVR.dcm", "Number of Frames (0028,0008) is not an integer: \"1A\""),
            Map.entry("JPEGLSNearLossless_08.dcm", "missing required identity element Study Instance UID"),
            Map.entry("JPEGLSNearLossless_16.dcm", "missing required identity element Study Instance UID"),
            Map.entry("SC_rgb_jls_lossy_line.dcm", "missing required identity element Study Instance UID"),
            Map.entry("SC_rgb_jls_lossy_sample.dcm", "missing required identity element Study Instance UID"),
            Map.entry("UN_sequence.dcm", "missing required identity element SOP Class UID"),
            Map.entry("empty_charset_LEI.dcm", "missing required identity element SOP Class UID"),
            Map.entry("nested_priv_SQ.dcm", "missing required identity element SOP Class UID"),
            Map.entry("priv_SQ.dcm", "missing required identity element SOP Class UID"),
            Map.entry("no_meta_group_length.dcm", "missing required identity element SOP Class UID"),
            // Pixel Data cut out of these images (the charset test reads their headers)
            Map.entry("chrJapMulti.dcm", "without Pixel Data (7FE0,0010): the data set ends after (300E,0002)"),
            Map.entry("chrJapMultiExplicitIR6.dcm", "without Pixel Data (7FE0,0010)"),
            Map.entry("chrKoreanMulti.dcm", "without Pixel Data (7FE0,0010)"),
            Map.entry("chrSQEncoding.dcm", "missing required identity element SOP Class UID"),
            Map.entry("chrSQEncoding1.dcm", "missing required identity element SOP Class UID"));

    /** Readable images whose frame 0 is not decoded, and what the error must say. */
    static final Map<String, String> UNDECODABLE = Map.of(
            "JPEG-lossy.dcm", "JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51): 12-bit lossy JPEG",
            "JPGExtended.dcm", "JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51): 12-bit lossy JPEG",
            "MR_small_jpeg_ls_lossless.dcm", "JPEG-LS Lossless (1.2.840.10008.1.2.4.80)",
            // four bytes of the JPEG 2000 codestream overwritten on purpose: a decode error, not a syntax gap
            "JPEG2000-embedded-sequence-delimiter.dcm", "cannot be decoded");

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TestFactory
    Stream<DynamicTest> everySampleReadsWholeOrFailsClearly() {
        return SampleFiles.all().stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> assertTimeoutPreemptively(HANG_GUARD, () -> check(file))));
    }

    private static void check(Path file) throws Exception {
        String name = file.getFileName().toString();
        String expectedError = UNREADABLE.get(name);
        if (expectedError != null) {
            assertThatThrownBy(() -> DicomInstance.read(file))
                    .isExactlyInstanceOf(DicomFormatException.class)
                    .hasMessageContaining(expectedError);
            return;
        }
        DicomInstance instance = DicomInstance.read(file);
        InstanceIdentity id = instance.identity();
        assertThat(id.sopInstanceUid()).matches("[0-9.]+");
        assertThat(id.studyInstanceUid()).matches("[0-9.]+");
        assertThat(id.seriesInstanceUid()).matches("[0-9.]+");
        assertThat(id.transferSyntaxUid()).isEqualTo(instance.transferSyntaxUid()).matches("[0-9.]+");

        ByteArrayOutputStream inline = new ByteArrayOutputStream();
        instance.writeJson(inline, null);
        assertThat(JsonChecks.checkDataSet(inline.toByteArray())).isPositive();
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        instance.writeJson(bulk, path -> "https://centre.example/bulk/" + path);
        JsonChecks.checkDataSet(bulk.toByteArray());
        if (instance.hasPixelData()) {
            assertThat(bulk.toString()).contains("\"7FE00010\":{\"vr\":\"O",
                    "\"BulkDataURI\":\"https://centre.example/bulk/7FE00010\"");
            decodeFirstFrame(instance, name);
        }
    }

    private static void decodeFirstFrame(DicomInstance instance, String name) throws Exception {
        String expectedError = UNDECODABLE.get(name);
        if (expectedError == null) {
            Frame frame = FrameDecoder.decode(instance, 0);
            assertThat(frame.rows()).isEqualTo(instance.identity().rows());
            assertThat(frame.columns()).isEqualTo(instance.identity().columns());
            assertThat(frame.samples()).hasSize(frame.rows() * frame.columns() * frame.samplesPerPixel());
            assertThat(FrameDecoder.render(frame, null, 64).getWidth()).isPositive().isLessThanOrEqualTo(64);
        } else if (expectedError.equals("cannot be decoded")) {
            assertThatThrownBy(() -> FrameDecoder.decode(instance, 0))
                    .isExactlyInstanceOf(DicomFormatException.class).hasMessageContaining(expectedError);
        } else {
            assertThatThrownBy(() -> FrameDecoder.decode(instance, 0))
                    .isInstanceOf(UnsupportedTransferSyntaxException.class).hasMessageContaining(expectedError);
        }
    }
}
