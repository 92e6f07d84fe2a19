package cn.qianli.dicom.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.SampleFiles;
import cn.qianli.dicom.Uid;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTests {

    @Test
    void decodesTheSameSamplesFromEveryLosslessEncodingOfAnImage() throws Exception {
        int[] reference = decode("MR_small.dcm", 0).samples();
        for (String name : List.of("MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
                "MR_small_padded.dcm", "MR_small_RLE.dcm", "MR_small_jp2klossless.dcm")) {
            assertThat(decode(name, 0).samples()).as(name).isEqualTo(reference);
        }
    }

    @Test
    void decodesEveryFrameOfMultiFrameImagesAlike() throws Exception {
        DicomInstance nativeDose = DicomInstance.read(SampleFiles.testFile("rtdose.dcm"));
        DicomInstance bigEndian = DicomInstance.read(SampleFiles.testFile("rtdose_expb.dcm"));
        DicomInstance rle = DicomInstance.read(SampleFiles.testFile("rtdose_rle.dcm"));
        for (int f = 0; f < 15; f++) {
            int[] expected = FrameDecoder.decode(nativeDose, f).samples();
            assertThat(FrameDecoder.decode(bigEndian, f).samples()).as("frame %d", f).isEqualTo(expected);
            assertThat(FrameDecoder.decode(rle, f).samples()).as("frame %d", f).isEqualTo(expected);
        }
    }

    @Test
    void decodesColourFromRleJpegLosslessAndNativeAlike() throws Exception {
        Frame rle = decode("SC_rgb_rle.dcm", 0);
        assertThat(rle.photometricInterpretation()).isEqualTo("RGB");
        assertThat(decode("SC_rgb_jpeg_gdcm.dcm", 0).samples()).isEqualTo(rle.samples());
        assertThat(decode("SC_rgb_rle_2frame.dcm", 0).samples()).isEqualTo(rle.samples());
        // the second frame of the two-frame sample is the first one inverted
        int[] second = decode("SC_rgb_rle_2frame.dcm", 1).samples();
        for (int i = 0; i < second.length; i++) {
            assertThat(second[i]).isEqualTo(255 - rle.samples()[i]);
        }
        int[] sixteen = decode("SC_rgb_rle_16bit.dcm", 0).samples();
        for (int i = 0; i < sixteen.length; i++) {
            assertThat(sixteen[i] >>> 8).isEqualTo(rle.samples()[i]);
        }
        assertThat(decode("SC_rgb_small_odd_big_endian.dcm", 0).samples())
                .isEqualTo(decode("SC_rgb_small_odd.dcm", 0).samples());
    }

    @Test
    void decodesOneBitSegmentationsInBothByteOrders() throws Exception {
        Frame little = decode("liver_1frame.dcm", 0);
        assertThat(little.bitsAllocated()).isEqualTo(1);
        assertThat(little.samples()).containsOnly(0, 1).contains(1);
        assertThat(decode("liver_expb_1frame.dcm", 0).samples()).isEqualTo(little.samples());
    }

    @Test
    void decodesSignedSamplesAndTheHeaderRescaleAndWindow() throws Exception {
        Frame ct = decode("693_J2KI.dcm", 0);
        assertThat(ct.signed()).isTrue();
        assertThat(ct.rescaleIntercept()).isEqualTo(-1024.0);
        assertThat(ct.window()).isEqualTo(new Window(40, 100));
        assertThat(ct.samples()).contains(-2000);
    }

    @Test
    void decodesJpegBaselineColourToRgb() throws Exception {
        Frame jpeg = decode("SC_rgb_jpeg_dcmtk.dcm", 0);
        assertThat(jpeg.photometricInterpretation()).isEqualTo("RGB");
        Frame reference = decode("SC_rgb_rle.dcm", 0);
        // lossy: close to the lossless reference, not equal
        long error = 0;
        for (int i = 0; i < reference.samples().length; i++) {
            error += Math.abs(jpeg.samples()[i] - reference.samples()[i]);
        }
        assertThat(error / (double) reference.samples().length).isLessThan(8);
    }

    @Test
    void refusesJpegLsNamingTheTransferSyntax() throws Exception {
        DicomInstance jpegLs = DicomInstance.read(SampleFiles.testFile("MR_small_jpeg_ls_lossless.dcm"));
        assertThatThrownBy(() -> FrameDecoder.decode(jpegLs, 0))
                .isInstanceOfSatisfying(UnsupportedTransferSyntaxException.class,
                        e -> assertThat(e.transferSyntaxUid()).isEqualTo(Uid.JPEG_LS_LOSSLESS))
                .hasMessage("cannot decode pixel data in JPEG-LS Lossless (1.2.840.10008.1.2.4.80)");
        assertThat(FrameDecoder.canDecode(Uid.JPEG_LS_NEAR_LOSSLESS)).isFalse();
        assertThat(FrameDecoder.canDecode(Uid.HTJ2K_LOSSLESS)).isFalse();
        assertThat(FrameDecoder.canDecode(Uid.DEFLATED_IMAGE_FRAME_COMPRESSION)).isFalse();
    }

    @Test
    void refusesTwelveBitLossyJpeg() throws Exception {
        DicomInstance twelveBit = DicomInstance.read(SampleFiles.testFile("JPGExtended.dcm"));
        assertThatThrownBy(() -> FrameDecoder.decode(twelveBit, 0))
                .isInstanceOf(UnsupportedTransferSyntaxException.class)
                .hasMessageEndingWith("(1.2.840.10008.1.2.4.51): 12-bit lossy JPEG");
    }

    @Test
    void refusesACorruptCodestreamWithAClearError() throws Exception {
        DicomInstance corrupt = DicomInstance.read(SampleFiles.testFile("JPEG2000-embedded-sequence-delimiter.dcm"));
        assertThatThrownBy(() -> FrameDecoder.decode(corrupt, 0))
                .isExactlyInstanceOf(DicomFormatException.class)
                .hasMessageStartingWith("frame 0 in JPEG 2000 Image Compression (1.2.840.10008.1.2.4.91) cannot be decoded");
    }

    @Test
    void refusesAFrameThatDoesNotExist() throws Exception {
        DicomInstance ct = DicomInstance.read(SampleFiles.testFile("CT_small.dcm"));
        assertThatThrownBy(() -> FrameDecoder.decode(ct, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersGreyThroughTheWindowAndFitsTheMaximumSize() throws Exception {
        Frame ct = decode("CT_small.dcm", 0);
        BufferedImage full = FrameDecoder.render(ct, null, 0);
        assertThat(full.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(full.getWidth()).isEqualTo(128);
        BufferedImage thumbnail = FrameDecoder.render(ct, null, 64);
        assertThat(thumbnail.getWidth()).isEqualTo(64);
        assertThat(thumbnail.getHeight()).isEqualTo(64);

        double lowest = Double.MAX_VALUE;
        for (int s : ct.samples()) {
            lowest = Math.min(lowest, s * ct.rescaleSlope() + ct.rescaleIntercept());
        }
        BufferedImage narrow = FrameDecoder.render(ct, new Window(lowest + 1000, 10), 0);
        assertThat(narrow.getRaster().getSample(0, 0, 0)).isZero();
    }

    @Test
    void rendersColourAndPaletteImagesAsRgb() throws Exception {
        BufferedImage rgb = FrameDecoder.render(decode("SC_rgb_rle.dcm", 0), null, 0);
        assertThat(rgb.getRGB(50, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
        BufferedImage ybr = FrameDecoder.render(decode("SC_ybr_full_422_uncompressed.dcm", 0), null, 0);
        int red = ybr.getRGB(50, 5);
        assertThat((red >> 16) & 0xFF).isGreaterThan(200);
        assertThat(red & 0xFF).isLessThan(60);
        BufferedImage palette = FrameDecoder.render(decode("examples_palette.dcm", 0), null, 0);
        assertThat(palette.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    private static Frame decode(String name, int frame) throws Exception {
        return FrameDecoder.decode(DicomInstance.read(SampleFiles.testFile(name)), frame);
    }
}
