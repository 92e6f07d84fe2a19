package cn.qianli.centre.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.StoredInstance;
import cn.qianli.centre.reading.ReadingTest;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.Uid;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ReportDicomObjectTests extends ReadingTest {

    @Autowired
    ArchiveIndex index;

    @Autowired
    ObjectStore store;

    @Test
    void aFinalReportIsStoredWithItsStudyAsAnEncapsulatedPdfThatDcmdumpAccepts() throws Exception {
        assumeTrue(onPath("dcmdump") && onPath("dcm2pdf"), "skipped: no DCMTK");
        long id = finalReport();
        JsonNode report = get("/api/reading/" + id + "/report", "clinic1").body();
        String study = report.path("studyInstanceUid").asString();
        String series = report.path("dicomSeriesInstanceUid").asString();
        String sop = report.path("dicomSopInstanceUid").asString();
        assertThat(sop).startsWith("2.25.");

        StoredInstance stored = index.findInstance(sop).orElseThrow();
        assertThat(stored.sopClassUid()).isEqualTo(Uid.ENCAPSULATED_PDF_STORAGE);
        assertThat(stored.studyInstanceUid()).isEqualTo(study);
        assertThat(stored.seriesInstanceUid()).isEqualTo(series);
        assertThat(stored.hospitalId()).isEqualTo("H001");

        Path dir = Files.createTempDirectory(WORK, "report-object");
        try {
            Path file = dir.resolve("report.dcm");
            try (InputStream in = store.read(stored.objectKey())) {
                Files.copy(in, file);
            }
            Run dump = run("dcmdump", "+U8", file.toString());
            assertThat(dump.exit()).isZero();
            assertThat(dump.output()).doesNotContain("E: ").contains("(0042,0012) LO [application/pdf]")
                    .contains("影像诊断报告").contains("李^娜").contains(study);
            Path pdf = dir.resolve("report.pdf");
            assertThat(run("dcm2pdf", file.toString(), pdf.toString()).exit()).isZero();
            try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
                assertThat(new PDFTextStripper().getText(doc)).contains(ReportTests.IMPRESSION);
            }

            HttpResponse<byte[]> wado = http.send(http.request("/dicom-web/studies/" + study + "/series/" + series
                    + "/instances/" + sop, token("clinic1")).header("Accept", "multipart/related; type=\"application/dicom\"")
                    .GET(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(wado.statusCode()).isEqualTo(200);
            byte[] object = Files.readAllBytes(file);
            assertThat(indexOf(wado.body(), object)).isNotNegative();
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void anAddendumAddsASecondObjectToTheSameSeries() {
        long id = finalReport();
        JsonNode first = get("/api/reading/" + id + "/report", "radiologist1").body();
        post("/api/reading/" + id + "/report/addenda", "radiologist1", json(Map.of("text", "补充：复查。")));
        JsonNode second = get("/api/reading/" + id + "/report", "radiologist1").body();
        assertThat(second.path("dicomSeriesInstanceUid").asString())
                .isEqualTo(first.path("dicomSeriesInstanceUid").asString());
        assertThat(second.path("dicomSopInstanceUid").asString())
                .isNotEqualTo(first.path("dicomSopInstanceUid").asString());
        assertThat(index.findInstance(first.path("dicomSopInstanceUid").asString())).isPresent();
        assertThat(index.findInstance(second.path("dicomSopInstanceUid").asString())).isPresent();
    }

    private long finalReport() {
        long id = readyStudy("HEAD", 1);
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        put("/api/reading/" + id + "/report", "radiologist1", json(ReportTests.draft(ReportTests.FINDINGS,
                ReportTests.IMPRESSION, 0)));
        Answer fin = post("/api/reading/" + id + "/report/final", "radiologist1", json(Map.of("version", 1)));
        assertThat(fin.status()).isEqualTo(200);
        return id;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    record Run(int exit, String output) {
    }

    static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(p.waitFor(), output);
        } finally {
            p.destroyForcibly();
        }
    }
}
