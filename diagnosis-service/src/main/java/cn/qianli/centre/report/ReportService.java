package cn.qianli.centre.report;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.problem.ProblemException;
import cn.qianli.centre.reading.ReadingRequest;
import cn.qianli.centre.reading.ReadingState;
import cn.qianli.centre.reading.ReadingWorkflow;
import cn.qianli.centre.reading.WorkflowAudit;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import cn.qianli.centre.security.Tenancy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Writing and signing reports. Only the radiologist holding the claim writes and signs, and only
 * for themself; a final report never changes (the database refuses it too), only addenda follow.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final Reports reports;
    private final ReadingWorkflow workflow;
    private final WorkflowAudit audit;
    private final ApplicationEventPublisher events;

    ReportService(Reports reports, ReadingWorkflow workflow, WorkflowAudit audit, ApplicationEventPublisher events) {
        this.reports = reports;
        this.workflow = workflow;
        this.audit = audit;
        this.events = events;
    }

    /** The report of a request the caller may see; a clinic sees it only once it is signed. */
    public Report get(long requestId, Caller caller) {
        ReadingRequest r = workflow.visible(requestId, caller);
        Report report = reports.ofRequest(requestId, workflow.now(), workflow.properties().criticalAcknowledgeWithin())
                .filter(rp -> caller.has(Role.RADIOLOGIST) || rp.signed())
                .orElseThrow(() -> Problem.NOT_FOUND.exception("request " + requestId + " has no report yet"));
        audit.record(caller, "read report", r.hospitalId(), r.studyInstanceUid(), "success", "report " + report.id());
        return report;
    }

    /** The request and its report for outputs (PDF, DICOM), with the same visibility as {@link #get}. */
    public ReportedStudy reported(long requestId, Caller caller) {
        ReadingRequest r = workflow.visible(requestId, caller);
        Report report = get(requestId, caller);
        return new ReportedStudy(r, report);
    }

    /** A request with its report. */
    public record ReportedStudy(ReadingRequest request, Report report) {
    }

    public Report saveDraft(long requestId, Caller caller, ReportInput.Draft draft) {
        ReadingRequest r = workflow.visible(requestId, caller);
        Report existing = current(requestId);
        if (existing != null && existing.isFinal()) {
            throw Problem.REPORT_FINAL.exception("report " + existing.id() + " is final; add an addendum instead");
        }
        workflow.requireClaim(r, caller);
        if (!Set.of(ReadingState.IN_PROGRESS, ReadingState.PRELIMINARY).contains(r.state())) {
            throw Problem.STATE_CONFLICT.exception("a request that is " + r.state().code() + " has no draft");
        }
        String language = language(draft.language(), existing);
        String findings = text("findings", draft.findings(), existing == null ? "" : existing.findings());
        String impression = text("impression", draft.impression(), existing == null ? "" : existing.impression());
        boolean critical = draft.critical() != null ? draft.critical() : existing != null && existing.critical();
        Instant now = workflow.now();
        workflow.inTransaction(() -> {
            if (existing == null) {
                if (draft.version() != null && draft.version() != 0) {
                    throw Problem.VERSION_CONFLICT.exception("there is no report yet; start from version 0");
                }
                reports.insertDraft(requestId, caller.actor(), language, findings, impression, critical, now);
            } else if (!reports.updateDraft(existing.id(), expected(draft.version(), existing), caller.actor(), language,
                    findings, impression, critical, now)) {
                throw conflict(requestId);
            }
            return null;
        });
        audit.record(caller, "save report draft", r.hospitalId(), r.studyInstanceUid(), "success", "");
        workflow.publish(requestId, "report-draft");
        return current(requestId);
    }

    public Report signPreliminary(long requestId, Caller caller, ReportInput.Signature signature) {
        ReadingRequest r = signable(requestId, caller, signature);
        Report report = requireText(requestId);
        Instant now = workflow.now();
        workflow.inTransaction(() -> {
            workflow.move(r, Set.of(ReadingState.IN_PROGRESS), ReadingState.PRELIMINARY, caller.actor(), now,
                    "preliminary report signed");
            if (!reports.signPreliminary(report.id(), expected(signature.version(), report), caller.actor(), now)) {
                throw conflict(requestId);
            }
            return null;
        });
        audit.record(caller, "sign preliminary report", r.hospitalId(), r.studyInstanceUid(), "success",
                report.critical() ? "critical result" : "");
        log.info("preliminary report of request {} ({}) signed by {}", requestId, r.hospitalId(), caller.actor());
        workflow.publish(requestId, "report");
        return current(requestId);
    }

    public Report signFinal(long requestId, Caller caller, ReportInput.Signature signature) {
        ReadingRequest r = signable(requestId, caller, signature);
        Report report = requireText(requestId);
        Instant now = workflow.now();
        workflow.inTransaction(() -> {
            workflow.move(r, Set.of(ReadingState.IN_PROGRESS, ReadingState.PRELIMINARY), ReadingState.FINAL,
                    caller.actor(), now, "final report signed");
            if (!reports.signFinal(report.id(), expected(signature.version(), report), caller.actor(), now)) {
                throw conflict(requestId);
            }
            workflow.endClaim(requestId);
            return null;
        });
        audit.record(caller, "sign final report", r.hospitalId(), r.studyInstanceUid(), "success",
                report.critical() ? "critical result" : "");
        log.info("final report of request {} ({}) signed by {}", requestId, r.hospitalId(), caller.actor());
        workflow.publish(requestId, "report");
        events.publishEvent(new ReportSigned(report.id(), requestId, r.hospitalId(), r.studyInstanceUid(), caller.actor()));
        return current(requestId);
    }

    /** An addendum to a final report, signed by the calling radiologist; the original stays as it was. */
    public Report addAddendum(long requestId, Caller caller, ReportInput.NewAddendum addendum) {
        ReadingWorkflow.requireRadiologist(caller);
        ReadingRequest r = workflow.visible(requestId, caller);
        signerIsCaller(addendum.signer(), caller);
        String text = text("text", addendum.text(), null);
        if (text.isBlank()) {
            throw Problem.INVALID_INPUT.exception("an addendum needs text");
        }
        Report report = current(requestId);
        if (report == null || !report.isFinal()) {
            throw Problem.STATE_CONFLICT.exception("addenda follow a final report; edit the draft instead");
        }
        Instant now = workflow.now();
        workflow.inTransaction(() -> {
            workflow.move(r, Set.of(ReadingState.FINAL, ReadingState.AMENDED), ReadingState.AMENDED, caller.actor(), now,
                    "addendum signed");
            reports.addAddendum(report.id(), text, caller.actor(), now);
            return null;
        });
        audit.record(caller, "sign addendum", r.hospitalId(), r.studyInstanceUid(), "success", "report " + report.id());
        workflow.publish(requestId, "report");
        events.publishEvent(new ReportSigned(report.id(), requestId, r.hospitalId(), r.studyInstanceUid(), caller.actor()));
        return current(requestId);
    }

    /** The clinic of the request's hospital acknowledges a critical result (who, when); idempotent. */
    public Report acknowledgeCritical(long requestId, Caller caller) {
        if (!caller.has(Role.CLINIC)) {
            throw Problem.FORBIDDEN.exception("critical results are acknowledged by the clinic");
        }
        ReadingRequest r = workflow.visible(requestId, caller);
        Report report = current(requestId);
        if (report == null || !report.signed() || !report.critical()) {
            throw Problem.STATE_CONFLICT.exception("there is no signed critical result to acknowledge");
        }
        boolean first = reports.acknowledge(report.id(), caller.actor(), workflow.now());
        audit.record(caller, "acknowledge critical result", r.hospitalId(), r.studyInstanceUid(), "success",
                first ? "acknowledged" : "already acknowledged");
        if (first) {
            log.info("critical result of request {} acknowledged by {} of {}", requestId, caller.actor(), r.hospitalId());
            workflow.publish(requestId, "critical-acknowledged");
        }
        return current(requestId);
    }

    /** Critical results the caller may see that the clinic has not acknowledged yet. */
    public List<Report> unacknowledgedCritical(Caller caller) {
        Tenancy t = Tenancy.readable(caller, "st");
        return reports.unacknowledgedCritical(t.predicate(), t.params(), workflow.now(),
                workflow.properties().criticalAcknowledgeWithin());
    }

    void recordDicomObject(long reportId, String seriesInstanceUid, String sopInstanceUid) {
        reports.setDicomObject(reportId, seriesInstanceUid, sopInstanceUid);
    }

    Report current(long requestId) {
        return reports.ofRequest(requestId, workflow.now(), workflow.properties().criticalAcknowledgeWithin())
                .orElse(null);
    }

    private ReadingRequest signable(long requestId, Caller caller, ReportInput.Signature signature) {
        ReadingWorkflow.requireRadiologist(caller);
        ReadingRequest r = workflow.visible(requestId, caller);
        signerIsCaller(signature.signer(), caller);
        Report existing = current(requestId);
        if (existing != null && existing.isFinal()) {
            throw Problem.REPORT_FINAL.exception("report " + existing.id() + " is already final");
        }
        workflow.requireClaim(r, caller);
        return r;
    }

    private Report requireText(long requestId) {
        Report report = current(requestId);
        if (report == null || report.impression().isBlank()) {
            throw Problem.STATE_CONFLICT.exception("save a draft with an impression before signing");
        }
        return report;
    }

    private static void signerIsCaller(String signer, Caller caller) {
        if (signer != null && !signer.isBlank() && !signer.equals(caller.actor())) {
            throw Problem.SIGNER_NOT_CALLER.exception(caller.actor() + " cannot sign for " + signer);
        }
    }

    private ProblemException conflict(long requestId) {
        Report now = current(requestId);
        if (now != null && now.isFinal()) {
            return Problem.REPORT_FINAL.exception("the report is final; add an addendum instead");
        }
        return Problem.VERSION_CONFLICT.exception("the report is at version " + (now == null ? 0 : now.version())
                + "; reload it and apply the change again");
    }

    private static int expected(Integer version, Report existing) {
        if (version == null) {
            throw Problem.INVALID_INPUT.exception("give the version the change starts from (now "
                    + existing.version() + ")");
        }
        return version;
    }

    private static String language(String requested, Report existing) {
        String lang = requested == null ? (existing == null ? "zh" : existing.language())
                : requested.strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("zh") && !lang.equals("en")) {
            throw Problem.INVALID_INPUT.exception("language must be zh or en");
        }
        return lang;
    }

    private String text(String field, String value, String current) {
        if (value == null) {
            return current == null ? "" : current;
        }
        int max = workflow.properties().maxTextLength();
        if (value.length() > max) {
            throw Problem.TEXT_TOO_LONG.exception(field + " is limited to " + max + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw Problem.INVALID_INPUT.exception(field + " holds control characters");
        }
        return value;
    }
}
