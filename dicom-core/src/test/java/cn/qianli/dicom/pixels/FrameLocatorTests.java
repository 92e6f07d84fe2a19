package cn.qianli.dicom.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.ByteRange;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.SampleFiles;
import cn.qianli.dicom.Tag;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The byte ranges FrameLocator finds hold exactly the frames PixelMed reads from the file. */
class FrameLocatorTests {

    @TestFactory
    Stream<DynamicTest> locatesTheBytesTheToolkitReadsForEachFrame() {
        return SampleFiles.all().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> compareWithToolkit(file)));
    }

    private static void compareWithToolkit(Path file) throws Exception {
        DicomInstance instance;
        try {
            instance = DicomInstance.read(file);
        } catch (DicomFormatException unreadable) {
            return;
        }
        if (!instance.hasPixelData() || instance.dataSet().get(Tag.PixelData).valueOffset() < 0
                && !instance.dataSet().get(Tag.PixelData).isEncapsulated()) {
            return;
        }
        List<FrameLocation> frames = FrameLocator.locate(instance);
        assertThat(frames).hasSize(instance.identity().frames());
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        list.read(file.toString());
        Attribute pixels = list.get(TagFromName.PixelData);
        if (pixels instanceof OtherByteAttributeMultipleCompressedFrames compressed) {
            assertThat(compressed.getNumberOfFrames()).isEqualTo(frames.size());
            for (FrameLocation frame : frames) {
                assertThat(frame.encapsulated()).isTrue();
                byte[] located = read(file, frame);
                byte[] expected = compressed.getFrames()[frame.frame()];
                // PixelMed drops the byte (0x00 or 0xFF) that pads an odd-length bitstream to even length
                byte last = located[located.length - 1];
                if (located.length == expected.length + 1 && (last == 0 || last == (byte) 0xFF)) {
                    located = Arrays.copyOf(located, expected.length);
                }
                assertThat(located).as("frame %d", frame.frame()).isEqualTo(expected);
            }
            return;
        }
        boolean bigEndian = instance.dataSet().get(Tag.PixelData).bigEndian();
        boolean words = pixels.getVRAsString().equals("OW");
        for (FrameLocation frame : frames) {
            assertThat(frame.encapsulated()).isFalse();
            byte[] located = read(file, frame);
            long start = frame.ranges().get(0).offset() - frames.get(0).ranges().get(0).offset();
            if (words) {
                short[] expected = pixels.getShortValues();
                ByteBuffer b = ByteBuffer.wrap(located).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i + 1 < located.length; i += 2) {
                    assertThat(b.getShort(i)).as("word %d of frame %d", i / 2, frame.frame())
                            .isEqualTo(expected[(int) (start / 2) + i / 2]);
                }
            } else {
                byte[] expected = pixels.getByteValues();
                for (int i = 0; i < located.length; i++) {
                    assertThat(located[i]).isEqualTo(expected[(int) start + i]);
                }
            }
        }
    }

    @Test
    void givesEachFrameOfARleMultiFrameItsOwnFragment() throws Exception {
        DicomInstance dose = DicomInstance.read(SampleFiles.testFile("rtdose_rle.dcm"));
        List<FrameLocation> frames = FrameLocator.locate(dose);
        assertThat(frames).hasSize(15).allSatisfy(f -> assertThat(f.ranges()).hasSize(1));
        assertThat(frames.get(1).ranges().get(0).offset()).isEqualTo(frames.get(0).ranges().get(0).end() + 8);
    }

    @Test
    void collectsTheFragmentsOfAFrameSplitAcrossSeveral() throws Exception {
        DicomInstance j2k = DicomInstance.read(SampleFiles.testFile("examples_jpeg2k.dcm"));
        FrameLocation only = FrameLocator.locate(j2k).get(0);
        assertThat(only.ranges()).hasSize(3);
        assertThat(only.length()).isEqualTo(65536 + 65536 + 21222);
    }

    @Test
    void placesNativeFramesOneAfterAnother() throws Exception {
        DicomInstance dose = DicomInstance.read(SampleFiles.testFile("rtdose.dcm"));
        List<FrameLocation> frames = FrameLocator.locate(dose);
        long pixelData = dose.dataSet().get(Tag.PixelData).valueOffset();
        assertThat(frames).hasSize(15);
        assertThat(frames.get(3).ranges()).containsExactly(new ByteRange(pixelData + 3 * 400, 400));
    }

    @Test
    void refusesToLocateFramesOfADeflatedDataSet() throws Exception {
        DicomInstance deflated = DicomInstance.read(SampleFiles.testFile("image_dfl.dcm"));
        assertThatThrownBy(() -> FrameLocator.locate(deflated))
                .isInstanceOf(DicomFormatException.class)
                .hasMessageContaining("Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99)");
    }

    @Test
    void refusesToLocateFramesOfAnInstanceReadWithoutPixels() throws Exception {
        DicomInstance header = DicomInstance.readHeader(SampleFiles.testFile("CT_small.dcm"));
        assertThatThrownBy(() -> FrameLocator.locate(header)).hasMessageContaining("without its Pixel Data");
    }

    private static byte[] read(Path file, FrameLocation frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (ByteRange range : frame.ranges()) {
                byte[] chunk = new byte[(int) range.length()];
                raf.seek(range.offset());
                raf.readFully(chunk);
                out.writeBytes(chunk);
            }
        }
        return out.toByteArray();
    }
}
