package cn.qianli.centre.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.reading.ReadingTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportPdfTests extends ReadingTest {

    @Test
    void pdfRendersChineseTextWithAnEmbeddedFont() throws Exception {
        long id = readyStudy("HEAD", 1);
        put("/api/reading/" + id + "/clinical-information", "clinic1",
                json(Map.of("history", "突发头痛2小时", "requestingDoctor", "张医生")));
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        Map<String, Object> d = ReportTests.draft(ReportTests.FINDINGS + "\n<script>alert(1)</script>",
                ReportTests.IMPRESSION, 0);
        d.put("critical", true);
        put("/api/reading/" + id + "/report", "radiologist1", json(d));
        post("/api/reading/" + id + "/report/final", "radiologist1", json(Map.of("version", 1)));
        post("/api/reading/" + id + "/report/addenda", "radiologist1", json(Map.of("text", "补充：建议神经外科会诊。")));

        HttpResponse<byte[]> response = http.send(http.request("/api/reading/" + id + "/report.pdf", token("clinic1")).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Xiangkou Township Health Centre")
                    .contains("医学影像诊断报告")
                    .contains("李 娜")
                    .contains("检查所见").contains("左侧基底节区见片状高密度影")
                    .contains("诊断意见").contains("左侧基底节区脑出血，建议复查。")
                    .contains("<script>alert(1)</script>")
                    .contains("危急值")
                    .contains("补充：建议神经外科会诊。")
                    .contains("突发头痛2小时")
                    .contains("radiologist1")
                    .contains("2026-11-23 10:00");
            PDFont font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
        }
        assertThat(http.send(http.request("/api/reading/" + id + "/report.pdf", token("clinic2")).GET(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aLongReportFlowsOntoMorePages() throws Exception {
        long id = readyStudy("CHEST", 1);
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        put("/api/reading/" + id + "/report", "radiologist1",
                json(ReportTests.draft("双肺纹理清晰。\n".repeat(300), "未见异常。", 0)));
        HttpResponse<byte[]> response = http.send(http.request("/api/reading/" + id + "/report.pdf", token("radiologist1")).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            assertThat(new PDFTextStripper().getText(pdf)).contains("草稿 DRAFT").contains("未见异常。");
        }
        assertThat(http.send(http.request("/api/reading/" + id + "/report.pdf", token("clinic1")).GET(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
}
