package cn.qianli.dicom.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.SampleFiles;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.Vr;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameTranscoderTests {

    @Test
    void turnsRleAndBigEndianFramesIntoTheNativeLittleEndianBytesOfTheSameImage() throws Exception {
        DicomInstance nativeDose = DicomInstance.read(SampleFiles.testFile("rtdose.dcm"));
        assertThat(nativeDose.transferSyntaxUid()).isEqualTo(Uid.IMPLICIT_VR_LITTLE_ENDIAN);
        for (String encoded : new String[] {"rtdose_rle.dcm", "rtdose_expb.dcm"}) {
            DicomInstance instance = DicomInstance.read(SampleFiles.testFile(encoded));
            PixelModule module = PixelModule.of(instance.dataSet());
            assertThat(module.bitsAllocated()).isEqualTo(32);
            for (int f = 0; f < 15; f++) {
                byte[] transcoded = FrameTranscoder.toExplicitLittleEndian(instance.transferSyntaxUid(),
                        FrameLocator.frameBytes(instance, f), module);
                assertThat(transcoded).as("%s frame %d", encoded, f).isEqualTo(FrameLocator.frameBytes(nativeDose, f));
            }
        }
    }

    @Test
    void keepsSixteenBitSamplesAndColourPixelByPixel() throws Exception {
        assertThat(transcodedFirstFrame("MR_small_RLE.dcm")).isEqualTo(nativeFirstFrame("MR_small.dcm"));
        assertThat(transcodedFirstFrame("MR_small_bigendian.dcm")).isEqualTo(nativeFirstFrame("MR_small.dcm"));
        assertThat(transcodedFirstFrame("MR_small_jp2klossless.dcm")).isEqualTo(nativeFirstFrame("MR_small.dcm"));
        DicomInstance rgb = DicomInstance.read(SampleFiles.testFile("SC_rgb_rle_32bit.dcm"));
        byte[] bytes = transcodedFirstFrame("SC_rgb_rle_32bit.dcm");
        assertThat(bytes).hasSize(100 * 100 * 3 * 4);
        int[] decoded = FrameDecoder.decode(rgb, 0).samples();
        for (int i = 0; i < decoded.length; i++) {
            int value = (bytes[4 * i] & 0xFF) | (bytes[4 * i + 1] & 0xFF) << 8 | (bytes[4 * i + 2] & 0xFF) << 16
                    | (bytes[4 * i + 3] & 0xFF) << 24;
            assertThat(value).as("sample %d", i).isEqualTo(decoded[i]);
        }
    }

    @Test
    void unswapsEightBitBigEndianSamplesHeldInSixteenBitWords() throws Exception {
        DicomInstance big = DicomInstance.read(SampleFiles.testFile("SC_rgb_small_odd_big_endian.dcm"));
        assertThat(big.dataSet().get(Tag.PixelData).vr()).isEqualTo(Vr.OW);
        byte[] little = nativeFirstFrame("SC_rgb_small_odd.dcm");
        assertThat(little).hasSize(27);
        assertThat(FrameTranscoder.toExplicitLittleEndian(big, 0)).isEqualTo(little);
        // its stored range alone holds the samples swapped pairwise, the last one in the next word
        assertThat(FrameLocator.frameBytes(big, 0)).isNotEqualTo(little);
        assertThat(FrameTranscoder.needsWholeObject(big.transferSyntaxUid(), PixelModule.of(big.dataSet()))).isTrue();
        DicomInstance mr = DicomInstance.read(SampleFiles.testFile("MR_small_bigendian.dcm"));
        assertThat(FrameTranscoder.needsWholeObject(mr.transferSyntaxUid(), PixelModule.of(mr.dataSet()))).isFalse();
        assertThat(FrameTranscoder.toExplicitLittleEndian(mr, 0)).isEqualTo(nativeFirstFrame("MR_small.dcm"));
    }

    @Test
    void sendsLittleEndianNativeFramesAsStored() throws Exception {
        DicomInstance ct = DicomInstance.read(SampleFiles.testFile("CT_small.dcm"));
        byte[] stored = FrameLocator.frameBytes(ct, 0);
        assertThat(FrameTranscoder.toExplicitLittleEndian(ct.transferSyntaxUid(), stored, PixelModule.of(ct.dataSet())))
                .isSameAs(stored);
    }

    @Test
    void refusesFramesWhoseColourWouldNoLongerMatchTheirHeader() throws Exception {
        DicomInstance jpeg = DicomInstance.read(SampleFiles.testFile("SC_rgb_jpeg_dcmtk.dcm"));
        assertThat(jpeg.getString(0x00280004)).startsWith("YBR");
        assertThatThrownBy(() -> FrameTranscoder.toExplicitLittleEndian(jpeg.transferSyntaxUid(),
                FrameLocator.frameBytes(jpeg, 0), PixelModule.of(jpeg.dataSet())))
                .isInstanceOf(UnsupportedTransferSyntaxException.class).hasMessageContaining("decode to RGB");
    }

    @Test
    void refusesATruncatedOrUndecodableFrame() throws Exception {
        DicomInstance rle = DicomInstance.read(SampleFiles.testFile("MR_small_RLE.dcm"));
        PixelModule module = PixelModule.of(rle.dataSet());
        byte[] frame = FrameLocator.frameBytes(rle, 0);
        assertThatThrownBy(() -> FrameTranscoder.toExplicitLittleEndian(Uid.RLE_LOSSLESS,
                Arrays.copyOf(frame, frame.length / 2), module)).isInstanceOf(DicomFormatException.class);
        assertThatThrownBy(() -> FrameTranscoder.toExplicitLittleEndian("1.2.840.10008.1.2.4.201", frame, module))
                .isInstanceOf(UnsupportedTransferSyntaxException.class);
        assertThatThrownBy(() -> PixelModule.of(64, 64, 1, 12, 12, false, 0, "MONOCHROME2"))
                .isInstanceOf(DicomFormatException.class).hasMessageContaining("Bits Allocated 12");
    }

    private static byte[] transcodedFirstFrame(String name) throws Exception {
        DicomInstance instance = DicomInstance.read(SampleFiles.testFile(name));
        return FrameTranscoder.toExplicitLittleEndian(instance.transferSyntaxUid(), FrameLocator.frameBytes(instance, 0),
                PixelModule.of(instance.dataSet()));
    }

    private static byte[] nativeFirstFrame(String name) throws Exception {
        return FrameLocator.frameBytes(DicomInstance.read(SampleFiles.testFile(name)), 0);
    }
}
