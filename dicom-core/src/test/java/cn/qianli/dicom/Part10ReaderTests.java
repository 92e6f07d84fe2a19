package cn.qianli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Part10ReaderTests {

    @TempDir
    Path temp;

    @Test
    void refusesAFileCutInsideAnyElement() throws Exception {
        Path original = SampleFiles.testFile("CT_small.dcm");
        byte[] whole = Files.readAllBytes(original);
        Path cut = temp.resolve("cut.dcm");
        int cuts = 0;
        for (Element e : DicomInstance.read(original).dataSet().elements()) {
            if (e.valueOffset() < 0) {
                continue;
            }
            // inside the element header, and inside the value when it has one
            List<Long> offsets = e.length() > 1
                    ? List.of(e.valueOffset() - 1, e.valueOffset() + e.length() / 2)
                    : List.of(e.valueOffset() - 1);
            for (long at : offsets) {
                Files.write(cut, Arrays.copyOf(whole, (int) at));
                assertThatThrownBy(() -> DicomInstance.read(cut)).as("cut at %d in %s", at, e)
                        .isInstanceOf(DicomFormatException.class)
                        .hasMessageContaining("truncated at offset");
                cuts++;
            }
        }
        assertThat(cuts).isGreaterThan(100);
    }

    @Test
    void refusesAnImageCutBeforeItsPixelData() throws Exception {
        Path original = SampleFiles.testFile("CT_small.dcm");
        Element pixels = DicomInstance.read(original).dataSet().get(Tag.PixelData);
        Path cut = temp.resolve("ct.dcm");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(original), (int) pixels.valueOffset() - 12));
        assertThatThrownBy(() -> DicomInstance.read(cut))
                .hasMessageContaining("without Pixel Data (7FE0,0010)");
        assertThat(DicomInstance.readHeader(cut).identity().rows()).isEqualTo(128);
    }

    @Test
    void refusesTruncatedPixelDataWhenReadWhole() throws Exception {
        Path original = SampleFiles.testFile("MR_small.dcm");
        Element pixels = DicomInstance.read(original).dataSet().get(Tag.PixelData);
        Path cut = temp.resolve("mr.dcm");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(original), (int) pixels.valueOffset() + 8000));
        assertThatThrownBy(() -> DicomInstance.read(cut))
                .hasMessageStartingWith("truncated at offset")
                .hasMessageContaining("(7FE0,0010) OW value of 8192 bytes");
    }

    @Test
    void readsTheHeaderOfAFileWhosePixelDataIsTruncated() throws Exception {
        DicomInstance header = DicomInstance.readHeader(SampleFiles.testFile("MR_truncated.dcm"));
        assertThat(header.isComplete()).isFalse();
        assertThat(header.hasPixelData()).isFalse();
        assertThat(header.identity().rows()).isEqualTo(64);
        assertThat(header.identity().modality()).isEqualTo("MR");
    }

    @Test
    void refusesATruncatedHeaderEvenWhenReadingOnlyTheHeader() {
        // outside the lambda: without ../shared the test is skipped, not failed
        Path file = SampleFiles.testFile("rtplan_truncated.dcm");
        assertThatThrownBy(() -> DicomInstance.readHeader(file))
                .isInstanceOf(DicomFormatException.class).hasMessageStartingWith("truncated at offset");
    }

    @Test
    void readsAPart10FileHeldInMemoryLikeOneOnDisk() throws Exception {
        Path file = SampleFiles.testFile("JPEG2000.dcm");
        DicomInstance fromDisk = DicomInstance.read(file);
        DicomInstance fromMemory = DicomInstance.read(Files.readAllBytes(file));
        assertThat(fromMemory.identity()).isEqualTo(fromDisk.identity());
        assertThat(fromMemory.file()).isNull();
        assertThat(fromMemory.dataSet().get(Tag.PixelData).fragmentRanges())
                .isEqualTo(fromDisk.dataSet().get(Tag.PixelData).fragmentRanges());
        byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 3000);
        assertThatThrownBy(() -> DicomInstance.read(cut)).hasMessageStartingWith("truncated at offset");
    }

    @Test
    void readsAPart10FileAtTheStartOfALargerBufferAndNothingAfterIt() throws Exception {
        Path file = SampleFiles.testFile("JPEG2000.dcm");
        byte[] whole = Files.readAllBytes(file);
        byte[] buffer = Arrays.copyOf(whole, whole.length + 5000);
        // what follows the instance would be a stray element if it were read
        Arrays.fill(buffer, whole.length, buffer.length, (byte) 0x7F);
        DicomInstance exact = DicomInstance.read(whole);
        DicomInstance inBuffer = DicomInstance.read(buffer, whole.length);
        assertThat(inBuffer.identity()).isEqualTo(exact.identity());
        assertThat(inBuffer.dataSet().elements()).hasSameSizeAs(exact.dataSet().elements());
        assertThat(inBuffer.dataSet().get(Tag.PixelData).fragmentRanges())
                .isEqualTo(exact.dataSet().get(Tag.PixelData).fragmentRanges());
        assertThatThrownBy(() -> DicomInstance.read(buffer)).isInstanceOf(DicomFormatException.class);
        assertThatThrownBy(() -> DicomInstance.read(buffer, 3000)).hasMessageStartingWith("truncated at offset");
        assertThatThrownBy(() -> DicomInstance.read(buffer, buffer.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesADataSetWithoutFileMetaInformation() {
        Path file = SampleFiles.testFile("no_meta.dcm");
        assertThatThrownBy(() -> DicomInstance.read(file))
                .hasMessageContaining("no 128-byte preamble followed by \"DICM\"");
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> DicomInstance.read(temp.resolve("absent.dcm")))
                .isInstanceOf(DicomFormatException.class).hasMessageStartingWith("no such file");
    }

    @Test
    void readsTheSameValuesInEveryNativeTransferSyntax() throws Exception {
        DicomInstance reference = DicomInstance.read(SampleFiles.testFile("MR_small.dcm"));
        for (String name : List.of("MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm")) {
            DicomInstance other = DicomInstance.read(SampleFiles.testFile(name));
            assertThat(other.identity()).usingRecursiveComparison().ignoringFields("transferSyntaxUid")
                    .isEqualTo(reference.identity());
            assertThat(other.dataSet().getDouble(Tag.WindowCenter, 0))
                    .isEqualTo(reference.dataSet().getDouble(Tag.WindowCenter, 1));
            assertThat(other.getInt(Tag.BitsStored, 0)).isEqualTo(16);
        }
    }

    @Test
    void givesPre30DatesAndTimesInTheFormsQueriesMatch() throws Exception {
        InstanceIdentity id = DicomInstance.read(SampleFiles.testFile("ExplVR_BigEnd.dcm")).identity();
        assertThat(id.studyDate()).isEqualTo("19970424");
        assertThat(id.studyTime()).isEqualTo("140438");
        assertThat(Identification.date("20040119")).isEqualTo("20040119");
        assertThat(Identification.date("2004.1.19")).isEqualTo("2004.1.19");
        assertThat(Identification.time("14:04:38.125")).isEqualTo("140438.125");
        assertThat(Identification.time("14:04")).isEqualTo("1404");
        assertThat(Identification.time("140438")).isEqualTo("140438");
        assertThat(Identification.time("14:4")).isEqualTo("14:4");
    }

    @Test
    void readsADeflatedDataSet() throws Exception {
        DicomInstance deflated = DicomInstance.read(SampleFiles.testFile("image_dfl.dcm"));
        assertThat(deflated.transferSyntaxUid()).isEqualTo(Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(deflated.identity().rows()).isEqualTo(512);
        assertThat(deflated.dataSet().get(Tag.PixelData).length()).isEqualTo(512 * 512);
    }

    @Test
    void readsElementsThatAWriterLabelledUnknownWithTheirDictionaryVr() throws Exception {
        DicomInstance instance = DicomInstance.read(SampleFiles.testFile("rtdose_rle.dcm"));
        assertThat(instance.dataSet().get(Tag.SOPClassUID).vr()).isEqualTo(Vr.UI);
        assertThat(instance.identity().frames()).isEqualTo(15);
        assertThat(instance.dataSet().getSequence(0x300C0002)).hasSize(1);
    }

    @Test
    void decodesASequenceItemWithTheCharacterSetItNames() throws Exception {
        // the data set is UTF-8, the item of (0008,1111) says ISO 2022 IR 13 / IR 87 (Japanese)
        Part10Reader.Result read = Part10Reader.read(SampleFiles.charsetFile("chrSQEncoding.dcm"), false);
        DataSet item = read.dataSet().elements().stream()
                .filter(e -> e.vr() == Vr.SQ).findFirst().orElseThrow().items().get(0);
        assertThat(item.specificCharacterSet().definedTerms()).containsExactly("ISO 2022 IR 13", "ISO 2022 IR 87");
        assertThat(item.getString(Tag.PatientName)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    }

    @Test
    void decodesASequenceItemWithItsParentsCharacterSet() throws Exception {
        Part10Reader.Result read = Part10Reader.read(SampleFiles.charsetFile("chrSQEncoding1.dcm"), false);
        assertThat(read.dataSet().get(Tag.SpecificCharacterSet)).isNotNull();
        DataSet item = read.dataSet().elements().stream()
                .filter(e -> e.vr() == Vr.SQ).findFirst().orElseThrow().items().get(0);
        assertThat(item.specificCharacterSet().definedTerms()).containsExactly("ISO 2022 IR 13", "ISO 2022 IR 87");
        assertThat(item.getString(Tag.PatientName)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        assertThat(item.contains(Tag.SpecificCharacterSet)).isFalse();
    }
}
