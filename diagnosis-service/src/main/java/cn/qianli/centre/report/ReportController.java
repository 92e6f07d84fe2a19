package cn.qianli.centre.report;

import cn.qianli.centre.reading.ReadingWorkflow;
import cn.qianli.centre.security.Caller;
import java.io.IOException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A reading request's report: {@code /api/reading/{id}/report}, and the templates. */
@RestController
class ReportController {

    private final ReportService reports;
    private final ReportTemplates templates;
    private final ReportPdf pdf;

    ReportController(ReportService reports, ReportTemplates templates, ReportPdf pdf) {
        this.reports = reports;
        this.templates = templates;
        this.pdf = pdf;
    }

    /** The report with its addenda (a clinic sees it once it is signed). */
    @GetMapping("/api/reading/{id}/report")
    Report get(Caller caller, @PathVariable long id) {
        return reports.get(id, caller);
    }

    /** The report as an A4 PDF with Chinese text and a QR code linking to the study. */
    @GetMapping(path = "/api/reading/{id}/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(Caller caller, @PathVariable long id) throws IOException {
        ReportService.ReportedStudy rs = reports.reported(id, caller);
        byte[] pdf = this.pdf.render(rs.request(), rs.report());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("report-" + id + ".pdf").build().toString())
                .body(pdf);
    }

    /** Saves the draft; {@code version} is the version the editor started from (0 for a new report). */
    @PutMapping("/api/reading/{id}/report")
    Report saveDraft(Caller caller, @PathVariable long id, @RequestBody ReportInput.Draft draft) {
        return reports.saveDraft(id, caller, draft);
    }

    @PostMapping("/api/reading/{id}/report/preliminary")
    Report signPreliminary(Caller caller, @PathVariable long id, @RequestBody ReportInput.Signature signature) {
        return reports.signPreliminary(id, caller, signature);
    }

    @PostMapping("/api/reading/{id}/report/final")
    Report signFinal(Caller caller, @PathVariable long id, @RequestBody ReportInput.Signature signature) {
        return reports.signFinal(id, caller, signature);
    }

    @PostMapping("/api/reading/{id}/report/addenda")
    Report addAddendum(Caller caller, @PathVariable long id, @RequestBody ReportInput.NewAddendum addendum) {
        return reports.addAddendum(id, caller, addendum);
    }

    /** The clinic acknowledges the critical result (who and when are recorded). */
    @PostMapping("/api/reading/{id}/report/critical-acknowledgement")
    Report acknowledge(Caller caller, @PathVariable long id) {
        return reports.acknowledgeCritical(id, caller);
    }

    /** Critical results not yet acknowledged; {@code criticalEscalated} when past the time allowed. */
    @GetMapping("/api/reports/critical-unacknowledged")
    List<Report> unacknowledged(Caller caller) {
        return reports.unacknowledgedCritical(caller);
    }

    @GetMapping("/api/report-templates")
    List<ReportTemplates.Template> templates(Caller caller, @RequestParam(required = false) String modality,
            @RequestParam(required = false) String bodyPart, @RequestParam(required = false) String language) {
        ReadingWorkflow.requireRadiologist(caller);
        return templates.find(modality, bodyPart, language);
    }
}
