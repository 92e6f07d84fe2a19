package cn.qianli.dicom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DicomInfoTests {

    @Test
    void printsOneJsonLinePerFileAndFailsWhenAnyFileIsBroken() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DicomInfo.run(List.of(SampleFiles.charsetFile("chrX2.dcm"),
                SampleFiles.testFile("MR_truncated.dcm")), new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(status).isEqualTo(1);
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"file\":").contains(
                "\"transferSyntax\":\"1.2.840.10008.1.2.1\"",
                "\"sopClass\":\"1.2.840.10008.5.1.4.1.1.7\"",
                "\"patientId\":\"X2EXAMPLE\"",
                "\"patientName\":\"Wang^XiaoDong=王^小东=\"",
                "\"modality\":\"OT\"",
                "\"rows\":32,\"columns\":32,\"frames\":1}");
        assertThat(lines[1]).contains("MR_truncated.dcm\",\"error\":\"truncated at offset 1500");
    }

    @Test
    void succeedsWhenEveryFileReads() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DicomInfo.run(List.of(SampleFiles.testFile("CT_small.dcm")),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"patientName\":\"CompressedSamples^CT1\"")
                .endsWith("}\n");
    }

    @Test
    void exitsWithStatusOneFromTheCommandLineWhenAFileIsBroken() throws Exception {
        Path good = SampleFiles.testFile("CT_small.dcm");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DicomInfo.class.getName()));
        Process ok = new ProcessBuilder(append(command, good.toString())).redirectErrorStream(false).start();
        Process bad = new ProcessBuilder(append(command, good.toString(),
                SampleFiles.testFile("no_meta.dcm").toString())).start();
        try {
            assertThat(ok.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(bad.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(ok.exitValue()).isZero();
            assertThat(new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(1);
            assertThat(bad.exitValue()).isEqualTo(1);
            assertThat(new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                    .hasSize(2).last().asString().contains("\"error\":\"not a DICOM Part 10 file");
        } finally {
            ok.destroyForcibly();
            bad.destroyForcibly();
        }
    }

    private static List<String> append(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }
}
