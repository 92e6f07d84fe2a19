package cn.qianli.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.SampleFiles;
import cn.qianli.dicom.Tag;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class SpecificCharacterSetTests {

    /** The decoded Patient's Name of each character set sample (charset_files/FileInfo.txt). */
    static final Map<String, String> PATIENT_NAMES = Map.ofEntries(
            Map.entry("chrArab.dcm", "قباني^لنزار"),
            Map.entry("chrFren.dcm", "Buc^Jérôme"),
            Map.entry("chrFrenMulti.dcm", "Buc^Jérôme"),
            Map.entry("chrGerm.dcm", "Äneas^Rüdiger"),
            Map.entry("chrGreek.dcm", "Διονυσιος"),
            Map.entry("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
            Map.entry("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
            Map.entry("chrHbrw.dcm", "שרון^דבורה"),
            Map.entry("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"),
            Map.entry("chrJapMulti.dcm", "やまだ^たろう"),
            Map.entry("chrJapMultiExplicitIR6.dcm", "やまだ^たろう"),
            Map.entry("chrKoreanMulti.dcm", "김희중"),
            Map.entry("chrRuss.dcm", "Люкceмбypг"),
            Map.entry("chrX1.dcm", "Wang^XiaoDong=王^小東="),
            Map.entry("chrX2.dcm", "Wang^XiaoDong=王^小东="));

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> decodesThePatientNameOfEveryCharacterSetSample() {
        return PATIENT_NAMES.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e ->
                DynamicTest.dynamicTest(e.getKey(), () -> {
                    DicomInstance instance = DicomInstance.readHeader(SampleFiles.charsetFile(e.getKey()));
                    assertThat(instance.getString(Tag.PatientName)).isEqualTo(e.getValue());
                }));
    }

    @Test
    void decodesMultipleValuesOfPersonNamesAndLongStrings() throws Exception {
        DicomInstance french = DicomInstance.readHeader(SampleFiles.charsetFile("chrFrenMulti.dcm"));
        assertThat(french.getStrings(Tag.OtherPatientIDs)).containsExactly("eggs", "spam");
        DicomInstance japanese = DicomInstance.readHeader(SampleFiles.charsetFile("chrJapMulti.dcm"));
        assertThat(japanese.getStrings(Tag.OtherPatientNames)).hasSizeGreaterThan(1)
                .allSatisfy(name -> assertThat(name).doesNotContain("\u001B", "\uFFFD"));
    }

    @Test
    void readsTheGbkLabelChineseModalitiesWriteAsGb18030() throws Exception {
        // chrX2 with its Specific Character Set "GB18030 " rewritten to "GBK     " (same length)
        byte[] bytes = Files.readAllBytes(SampleFiles.charsetFile("chrX2.dcm"));
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = latin.indexOf("GB18030 ");
        assertThat(at).isPositive();
        System.arraycopy("GBK     ".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, 8);
        Path gbk = temp.resolve("gbk.dcm");
        Files.write(gbk, bytes);
        DicomInstance instance = DicomInstance.read(gbk);
        assertThat(instance.dataSet().specificCharacterSet().definedTerms()).containsExactly("GBK");
        assertThat(instance.identity().patientName()).isEqualTo("Wang^XiaoDong=王^小东=");
    }

    @Test
    void decodesGbkBytesLabelledGbk() {
        byte[] name = "张^伟".getBytes(Charset.forName("GBK"));
        assertThat(SpecificCharacterSet.of("GBK").decode(name, true)).isEqualTo("张^伟");
    }

    @Test
    void decodesGb2312ThroughIso2022Ir58() {
        byte[] value = concat("Wang^XiaoDong=".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x1B, '$', ')', 'A', (byte) 0xCD, (byte) 0xF5, '^', 0x1B, '$', ')', 'A',
                    (byte) 0xD0, (byte) 0xA1, (byte) 0xB6, (byte) 0xAB, '='});
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 58").decode(value, true))
                .isEqualTo("Wang^XiaoDong=王^小东=");
    }

    @Test
    void decodesUtf8() {
        byte[] name = "李^明=李^明".getBytes(StandardCharsets.UTF_8);
        assertThat(SpecificCharacterSet.of("ISO_IR 192").decode(name, true)).isEqualTo("李^明=李^明");
        assertThat(SpecificCharacterSet.of("ISO_IR 192")).isSameAs(SpecificCharacterSet.UTF_8);
    }

    @Test
    void readsUnlabelledNonAsciiTextAsUtf8ElseGb18030() {
        assertThat(SpecificCharacterSet.of().decode("王^小东".getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo("王^小东");
        assertThat(SpecificCharacterSet.of("").decode("王^小东".getBytes(Charset.forName("GB18030")), true))
                .isEqualTo("王^小东");
        assertThat(SpecificCharacterSet.of().isDefault()).isTrue();
    }

    @Test
    void ignoresCodeExtensionsAfterUtf8OrGb18030() {
        byte[] utf8 = "王^小东".getBytes(StandardCharsets.UTF_8);
        assertThat(SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87").decode(utf8, true)).isEqualTo("王^小东");
        byte[] gb = "王^小东".getBytes(Charset.forName("GB18030"));
        assertThat(SpecificCharacterSet.of("GB18030", "ISO 2022 IR 58").decode(gb, true)).isEqualTo("王^小东");
    }

    @Test
    void decodesLatin1WithoutCodeExtensions() {
        byte[] name = "Buc^Jérôme".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(name, true)).isEqualTo("Buc^Jérôme");
        assertThat(SpecificCharacterSet.of(" iso_ir 100 ").definedTerms()).containsExactly("ISO_IR 100");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
