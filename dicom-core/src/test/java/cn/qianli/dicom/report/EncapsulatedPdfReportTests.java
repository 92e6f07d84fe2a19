package cn.qianli.dicom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.synthetic.Uids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncapsulatedPdfReportTests {

    /** A small valid PDF of odd length (so the padding is exercised). */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    static EncapsulatedPdfReport report(String study) {
        return new EncapsulatedPdfReport(study, Uids.newUid(), Uids.newUid(), "P-1", "Li^Na=李^娜", "19600101", "F",
                "20261123", "100000", "A-7", "1", "Zhang^San=张^三", "Xiangkou Township Health Centre", "QIANLI_CENTRE",
                "Qianli", 900, 1, LocalDateTime.of(2026, 11, 23, 10, 30), "影像诊断报告 Imaging Report");
    }

    @Test
    void writesAnEncapsulatedPdfThatDcmdumpAcceptsAndDcm2pdfExtracts() throws Exception {
        assumeTrue(onPath("dcmdump") && onPath("dcm2pdf"), "skipped: no DCMTK");
        byte[] pdf = PDF.length % 2 == 1 ? PDF : (new String(PDF, StandardCharsets.US_ASCII) + " ").getBytes(StandardCharsets.US_ASCII);
        String study = Uids.newUid();
        Path file = temp.resolve("report.dcm");
        report(study).write(pdf, file);

        Run dump = run("dcmdump", "+U8", file.toString());
        assertThat(dump.exit()).isZero();
        assertThat(dump.output()).doesNotContain("E: ").doesNotContain("W: ")
                .contains("(0042,0012) LO [application/pdf]")
                .contains("(0008,0060) CS [DOC]")
                .contains("影像诊断报告 Imaging Report")
                .contains("李^娜")
                .contains(study);

        Path extracted = temp.resolve("out.pdf");
        Run out = run("dcm2pdf", file.toString(), extracted.toString());
        assertThat(out.exit()).isZero();
        byte[] back = Files.readAllBytes(extracted);
        // dcm2pdf keeps the pad byte; the PDF is the first EncapsulatedDocumentLength bytes
        assertThat(back).startsWith(pdf);

        DicomInstance read = DicomInstance.read(file);
        assertThat(read.identity().sopClassUid()).isEqualTo(Uid.ENCAPSULATED_PDF_STORAGE);
        assertThat(read.identity().studyInstanceUid()).isEqualTo(study);
        assertThat(read.getInt(Tag.EncapsulatedDocumentLength, -1)).isEqualTo(pdf.length);
    }

    @Test
    void refusesBytesThatAreNotAPdf() {
        assertThatThrownBy(() -> report(Uids.newUid()).write("<html>".getBytes(StandardCharsets.US_ASCII),
                temp.resolve("x.dcm"))).isInstanceOf(IllegalArgumentException.class);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
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
