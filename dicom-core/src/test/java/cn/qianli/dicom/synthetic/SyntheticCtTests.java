package cn.qianli.dicom.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCtTests {

    @TempDir
    Path dir;

    @Test
    void writesReadableSeriesWithChineseNameAndDistinctUids() throws Exception {
        SyntheticCt study = SyntheticCt.study("H001-0001", "张^伟").size(64, 64).slices(3);
        List<Path> files = study.writeTo(dir);

        assertThat(files).hasSize(3).allSatisfy(f -> assertThat(Files.size(f)).isGreaterThan(64 * 64 * 2));
        Set<String> sopInstanceUids = new HashSet<>();
        for (Path file : files) {
            AttributeList list = new AttributeList();
            list.read(file.toFile());
            assertThat(value(list, Tag.TransferSyntaxUID)).isEqualTo(Uid.EXPLICIT_VR_LITTLE_ENDIAN);
            assertThat(value(list, Tag.SOPClassUID)).isEqualTo(Uid.CT_IMAGE_STORAGE);
            assertThat(value(list, Tag.StudyInstanceUID)).isEqualTo(study.studyInstanceUid());
            assertThat(value(list, Tag.PatientName)).isEqualTo("张^伟");
            assertThat(value(list, Tag.Rows)).isEqualTo("64");
            sopInstanceUids.add(value(list, Tag.SOPInstanceUID));
        }
        assertThat(sopInstanceUids).hasSize(3).allMatch(uid -> uid.matches("2\\.25\\.[0-9]+") && uid.length() <= 64);
    }

    @Test
    void phantomHasAirBoneAndBrainInHounsfieldUnits() {
        short[] pixels = HeadPhantom.slice(128, 128, 0, 1);
        int corner = (pixels[0] & 0xFFFF) - 1024;
        int centreRow = 64 * 128;
        int brain = (pixels[centreRow + 64 + 20] & 0xFFFF) - 1024;
        int maximum = 0;
        for (short p : pixels) {
            maximum = Math.max(maximum, (p & 0xFFFF) - 1024);
        }
        assertThat(corner).isEqualTo(-1000);
        assertThat(brain).isBetween(20, 50);
        assertThat(maximum).isEqualTo(1000);
    }

    @Test
    void refusesImpossibleSizes() {
        assertThatThrownBy(() -> SyntheticCt.study("p", "n").size(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticCt.study("p", "n").slices(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String value(AttributeList list, int tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, new AttributeTag(tag >>> 16, tag & 0xFFFF));
    }
}
