package cn.qianli.centre.report;

import cn.qianli.centre.reading.ReadingRequest;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * The report as an A4 PDF: hospital, patient, study, clinical information, findings (检查所见),
 * impression (诊断意见), addenda, signers and times, and a QR code linking to the study. Text is
 * laid out as text (never interpreted as markup) in an embedded CJK font.
 */
@Component
public class ReportPdf {

    private static final float MARGIN = 50;
    private static final float BODY = 10.5f;
    private static final float LEADING = 1.45f;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportProperties props;
    private final ZoneId zone;

    ReportPdf(ReportProperties props, cn.qianli.centre.reading.ReadingWorkflow workflow) {
        this.props = props;
        this.zone = workflow.properties().workingHours().zone();
    }

    /** The PDF bytes of the report of {@code request}. */
    public byte[] render(ReadingRequest request, Report report) throws IOException {
        Path fontFile = CjkFont.find(props.fontPaths());
        try (PDDocument doc = new PDDocument(); CjkFont.Loaded loaded = CjkFont.load(doc, fontFile)) {
            Writer w = new Writer(doc, loaded.font());
            boolean zh = !"en".equals(report.language());
            w.title(request.hospitalName(), 15);
            w.title(zh ? "医学影像诊断报告  Imaging Report" : "Imaging Report  医学影像诊断报告", 13);
            if (!report.isFinal()) {
                w.line(report.signed() ? "初步报告 PRELIMINARY" : "草稿 DRAFT — 未签发 not signed", 11);
            }
            w.gap();
            w.field("患者 Patient", displayName(request.patientName()) + "   ID " + request.patientId()
                    + "   " + sex(request.patientSex()) + "   " + date(request.patientBirthDate()));
            w.field("检查 Study", request.modality() + " " + request.bodyPart() + "   " + request.studyDescription());
            w.field("检查日期 Date", date(request.studyDate()) + "   检查号 Accession " + request.accessionNumber());
            w.field("申请医生 Requested by", request.requestingDoctor());
            w.field("病史 History", request.history());
            w.field("临床问题 Question", request.question());
            w.field("Study Instance UID", request.studyInstanceUid());
            w.gap();
            if (report.critical()) {
                w.line("!! 危急值 CRITICAL RESULT !!", 12);
                w.gap();
            }
            w.section("检查所见 Findings", report.findings());
            w.section("诊断意见 Impression", report.impression());
            for (Report.Addendum a : report.addenda()) {
                w.section("补充报告 Addendum  " + a.signedBy() + "  " + time(a.signedAt()), a.text());
            }
            w.gap();
            if (report.preliminarySignedAt() != null) {
                w.field("初步报告 Preliminary", report.preliminarySignedBy() + "   " + time(report.preliminarySignedAt()));
            }
            if (report.finalSignedAt() != null) {
                w.field("审核签发 Signed", report.finalSignedBy() + "   " + time(report.finalSignedAt()));
            }
            w.field("到达 Arrived", time(request.arrivedAt()));
            w.qr(props.studyLinkBase() + request.studyInstanceUid());
            w.close();

            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Imaging report " + request.accessionNumber());
            info.setCreator("Qianli diagnosis-service");
            Calendar created = Calendar.getInstance(TimeZone.getTimeZone(zone));
            created.setTimeInMillis((report.finalSignedAt() != null ? report.finalSignedAt() : report.updatedAt()).toEpochMilli());
            info.setCreationDate(created);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot render the report PDF: " + e.getMessage(), e);
        }
    }

    private String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    /** The ideographic group of a DICOM PN when there is one, else the alphabetic one, without carets. */
    static String displayName(String pn) {
        String[] groups = (pn == null ? "" : pn).split("=", -1);
        String name = groups.length > 1 && !groups[1].isBlank() ? groups[1] : groups[0];
        return name.replace('^', ' ').strip();
    }

    private static String sex(String s) {
        return switch (s == null ? "" : s) {
            case "M" -> "男 M";
            case "F" -> "女 F";
            default -> s == null ? "" : s;
        };
    }

    private static String date(String da) {
        return da != null && da.length() == 8 ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : "";
    }

    /** A cursor over A4 pages. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void title(String text, float size) throws IOException {
            line(text, size);
        }

        void gap() {
            y -= BODY * 0.8f;
        }

        void field(String label, String value) throws IOException {
            if (value == null || value.isBlank()) {
                return;
            }
            paragraph(label + "：" + value, BODY);
        }

        void section(String heading, String text) throws IOException {
            line(heading, 12);
            paragraph(text == null || text.isBlank() ? "—" : text, BODY);
            gap();
        }

        void line(String text, float size) throws IOException {
            for (String l : wrap(safe(text), size)) {
                show(l, size);
            }
        }

        void paragraph(String text, float size) throws IOException {
            for (String para : safe(text).split("\n", -1)) {
                for (String l : wrap(para, size)) {
                    show(l, size);
                }
            }
        }

        private void show(String text, float size) throws IOException {
            if (y - size * LEADING < MARGIN + 80) {
                newPage();
            }
            y -= size * LEADING;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN, y);
            content.showText(text);
            content.endText();
        }

        /** Breaks at the width of the text block, between any two characters (as CJK text does). */
        private List<String> wrap(String text, float size) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            float used = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                float w = font.getStringWidth(ch) / 1000 * size;
                if (used + w > width && current.length() > 0) {
                    lines.add(current.toString());
                    current.setLength(0);
                    used = 0;
                }
                current.append(ch);
                used += w;
                i += Character.charCount(cp);
            }
            lines.add(current.toString());
            return lines;
        }

        /** Every character the font cannot show becomes '?'; tabs and other controls become spaces. */
        private String safe(String text) {
            StringBuilder out = new StringBuilder();
            (text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n')).codePoints().forEach(cp -> {
                if (cp == '\n') {
                    out.append('\n');
                } else if (Character.isISOControl(cp)) {
                    out.append(' ');
                } else if (hasGlyph(cp)) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('?');
                }
            });
            return out.toString();
        }

        private boolean hasGlyph(int cp) {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        /** The QR code at the bottom right of the last page, drawn as vector squares. */
        void qr(String link) throws IOException {
            BitMatrix matrix;
            try {
                matrix = new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0,
                        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
            } catch (WriterException e) {
                throw new IOException("cannot encode the study link as a QR code", e);
            }
            float side = 70;
            float cell = side / matrix.getWidth();
            float x0 = PDRectangle.A4.getWidth() - MARGIN - side;
            float y0 = MARGIN;
            for (int row = 0; row < matrix.getHeight(); row++) {
                for (int col = 0; col < matrix.getWidth(); col++) {
                    if (matrix.get(col, row)) {
                        content.addRect(x0 + col * cell, y0 + side - (row + 1) * cell, cell, cell);
                    }
                }
            }
            content.fill();
            content.beginText();
            content.setFont(font, 7);
            content.newLineAtOffset(MARGIN, MARGIN + 4);
            content.showText(safe(link.length() > 110 ? link.substring(0, 110) : link));
            content.endText();
        }

        void close() throws IOException {
            content.close();
        }
    }
}
