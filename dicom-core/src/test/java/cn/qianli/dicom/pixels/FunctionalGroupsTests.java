package cn.qianli.dicom.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Part10Bytes;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionalGroupsTests {

    private static final long UNDEFINED = 0xFFFFFFFFL;

    @TempDir
    Path temp;

    @Test
    void takesRescaleFromSharedAndWindowFromPerFrameFunctionalGroups() throws Exception {
        Part10Bytes bytes = new Part10Bytes().identity()
                .unsignedShort(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .text(Tag.NumberOfFrames, "IS", "2")
                .unsignedShort(Tag.Rows, 2)
                .unsignedShort(Tag.Columns, 2)
                .unsignedShort(Tag.BitsAllocated, 16)
                .unsignedShort(Tag.BitsStored, 12)
                .unsignedShort(Tag.PixelRepresentation, 0);
        bytes.longHeader(Tag.SharedFunctionalGroupsSequence, "SQ", UNDEFINED).item(Tag.Item, UNDEFINED)
                .longHeader(Tag.PixelValueTransformationSequence, "SQ", UNDEFINED).item(Tag.Item, UNDEFINED)
                .text(Tag.RescaleIntercept, "DS", "-1024").text(Tag.RescaleSlope, "DS", "2")
                .item(Tag.ItemDelimitationItem, 0).item(Tag.SequenceDelimitationItem, 0)
                .item(Tag.ItemDelimitationItem, 0).item(Tag.SequenceDelimitationItem, 0);
        bytes.longHeader(Tag.PerFrameFunctionalGroupsSequence, "SQ", UNDEFINED);
        for (String center : new String[] {"40", "300"}) {
            bytes.item(Tag.Item, UNDEFINED)
                    .longHeader(Tag.FrameVOILUTSequence, "SQ", UNDEFINED).item(Tag.Item, UNDEFINED)
                    .text(Tag.WindowCenter, "DS", center).text(Tag.WindowWidth, "DS", "400")
                    .item(Tag.ItemDelimitationItem, 0).item(Tag.SequenceDelimitationItem, 0)
                    .item(Tag.ItemDelimitationItem, 0);
        }
        bytes.item(Tag.SequenceDelimitationItem, 0).element(Tag.PixelData, "OW", new byte[16]);
        Path file = temp.resolve("enhanced.dcm");
        Files.write(file, bytes.file(Uid.EXPLICIT_VR_LITTLE_ENDIAN));

        DicomInstance instance = DicomInstance.read(file);
        Frame first = FrameDecoder.decode(instance, 0);
        Frame second = FrameDecoder.decode(instance, 1);
        assertThat(first.rescaleSlope()).isEqualTo(2.0);
        assertThat(first.rescaleIntercept()).isEqualTo(-1024.0);
        assertThat(first.window()).isEqualTo(new Window(40, 400));
        assertThat(second.window()).isEqualTo(new Window(300, 400));
    }
}
