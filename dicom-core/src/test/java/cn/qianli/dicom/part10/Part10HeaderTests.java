package cn.qianli.dicom.part10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.dicom.Uid;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Part10HeaderTests {

    @TempDir
    Path dir;

    private static Path sample(String name) {
        Path root = Path.of(System.getProperty("qianli.root", ".")).resolve("../shared/dicom-samples/test_files");
        assumeTrue(Files.isDirectory(root), "skipped: no ../shared");
        return root.resolve(name);
    }

    @Test
    void writesMetaThatReadsBackWithTheDataSetRightAfter() throws Exception {
        FileMetaInformation meta = FileMetaInformation.of(Uid.CT_IMAGE_STORAGE, "1.2.3.4.5",
                Uid.EXPLICIT_VR_LITTLE_ENDIAN, "MODALITY");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = meta.write(out);
        out.write(new byte[] {8, 0, 0x16, 0});
        Path file = dir.resolve("x.dcm");
        Files.write(file, out.toByteArray());
        Part10Header header = Part10Header.read(file);
        assertThat(header.meta()).isEqualTo(meta);
        assertThat(header.dataSetOffset()).isEqualTo(length);
        assertThat(header.dataSetLength()).isEqualTo(4);
        assertThat(length % 2).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "CT_small.dcm, " + Uid.EXPLICIT_VR_LITTLE_ENDIAN,
        "MR_small_bigendian.dcm, " + Uid.EXPLICIT_VR_BIG_ENDIAN,
        "JPEG2000.dcm, " + Uid.JPEG_2000,
        "image_dfl.dcm, " + Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
        "MR_small_implicit.dcm, " + Uid.IMPLICIT_VR_LITTLE_ENDIAN})
    void readsTheTransferSyntaxOfSamples(String name, String transferSyntax) throws Exception {
        Part10Header header = Part10Header.read(sample(name));
        assertThat(header.meta().transferSyntaxUid()).isEqualTo(transferSyntax);
        assertThat(header.dataSetOffset()).isGreaterThan(132);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no_meta.dcm", "ExplVR_LitEndNoMeta.dcm", "meta_missing_tsyntax.dcm"})
    void refusesFilesWithoutUsableMeta(String name) {
        // outside the lambda: without ../shared the test is skipped, not failed
        var file = sample(name);
        assertThatThrownBy(() -> Part10Header.read(file)).isInstanceOf(Part10Exception.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {Uid.IMPLICIT_VR_LITTLE_ENDIAN, "0", Uid.QIANLI_IMPLEMENTATION_CLASS})
    void acceptsValidUids(String uid) {
        assertThat(FileMetaInformation.isValidUid(uid)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../../etc/passwd", "1.2..3", "1.02.3", "1.2.3.", "1.2.3/4", "1.2.a",
        "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26.27.28"})
    void refusesInvalidUids(String uid) {
        assertThat(FileMetaInformation.isValidUid(uid)).isFalse();
    }
}
