package cn.qianli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.pixels.FrameDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files made to hurt a reader get a DicomFormatException, not a stack overflow or an exhausted heap. */
class HostileInputTests {

    @TempDir
    Path temp;

    @Test
    void readsAWellFormedHandMadeFile() throws Exception {
        DicomInstance instance = DicomInstance.read(write(new Part10Bytes().identity()
                .text(Tag.PatientName, "PN", "Li^Ming").file(Uid.EXPLICIT_VR_LITTLE_ENDIAN)));
        assertThat(instance.identity().patientName()).isEqualTo("Li^Ming");
        assertThat(instance.identity().frames()).isZero();
    }

    @Test
    void refusesSequencesNestedDeeperThanTheLimit() throws Exception {
        Part10Bytes bytes = new Part10Bytes().identity();
        for (int i = 0; i < 10_000; i++) {
            bytes.longHeader(0x00081115, "SQ", 0xFFFFFFFFL).item(Tag.Item, 0xFFFFFFFFL);
        }
        Path file = write(bytes.file(Uid.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThatThrownBy(() -> DicomInstance.read(file))
                .isInstanceOf(DicomFormatException.class)
                .hasMessageContaining("sequences nested deeper than 64 levels");
    }

    @Test
    void refusesADeflatedDataSetThatInflatesBeyondTheLimit() throws Exception {
        byte[] plain = new Part10Bytes().identity().longHeader(0x00091010, "OB", 8 << 20)
                .raw(new byte[8 << 20]).dataSetBytes();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9, true))) {
            out.write(plain);
        }
        Path file = write(Part10Bytes.file(Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, deflated.toByteArray()));
        assertThat(Files.size(file)).isLessThan(64 << 10);
        assertThatThrownBy(() -> Part10Reader.read(file, false, 1 << 20))
                .hasMessageContaining("inflates to more than 1048576 bytes");
        assertThat(DicomInstance.read(file).dataSet().get(0x00091010).length()).isEqualTo(8 << 20);
    }

    @Test
    void refusesAHugeLengthInsteadOfAllocatingIt() throws Exception {
        Path file = write(new Part10Bytes().identity().longHeader(0x00091010, "OB", 0xFFFFFFF0L)
                .file(Uid.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThatThrownBy(() -> DicomInstance.read(file))
                .hasMessageContaining("(0009,1010) OB value of 4294967280 bytes, only 0 left");
    }

    @Test
    void refusesUndefinedLengthOnAPlainValue() throws Exception {
        Path file = write(new Part10Bytes().identity().longHeader(0x0040A160, "UT", 0xFFFFFFFFL)
                .file(Uid.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThatThrownBy(() -> DicomInstance.read(file))
                .hasMessageContaining("(0040,A160) UT has undefined length");
    }

    @Test
    void refusesAnItemOutsideASequence() throws Exception {
        Path file = write(new Part10Bytes().identity().item(Tag.Item, 0).file(Uid.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThatThrownBy(() -> DicomInstance.read(file)).hasMessageContaining("(FFFE,E000) outside a sequence");
    }

    @Test
    void refusesToDecodeAFrameTooLargeForMemory() throws Exception {
        Path file = write(new Part10Bytes().identity()
                .unsignedShort(Tag.SamplesPerPixel, 3)
                .text(Tag.PhotometricInterpretation, "CS", "RGB")
                .unsignedShort(Tag.Rows, 65535)
                .unsignedShort(Tag.Columns, 65535)
                .unsignedShort(Tag.BitsAllocated, 8)
                .unsignedShort(Tag.BitsStored, 8)
                .element(Tag.PixelData, "OB", new byte[2])
                .file(Uid.EXPLICIT_VR_LITTLE_ENDIAN));
        DicomInstance instance = DicomInstance.read(file);
        assertThatThrownBy(() -> FrameDecoder.decode(instance, 0))
                .isInstanceOf(DicomFormatException.class)
                .hasMessageContaining("65535 x 65535 x 3 samples is too large to decode");
    }

    private Path write(byte[] bytes) throws Exception {
        Path file = Files.createTempFile(temp, "hostile", ".dcm");
        Files.write(file, bytes);
        return file;
    }
}
