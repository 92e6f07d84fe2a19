package cn.qianli.centre.clinic;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.reading.ReadingRequest;
import cn.qianli.centre.reading.ReadingRequests;
import cn.qianli.centre.reading.ReadingWorkflow;
import cn.qianli.centre.reading.WorkflowAudit;
import cn.qianli.centre.report.Report;
import cn.qianli.centre.report.ReportService;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/clinic}: the calling clinic's studies, critical results and change events. */
@RestController
@RequestMapping("/api/clinic")
class ClinicController {

    private final ReadingRequests requests;
    private final ReadingWorkflow workflow;
    private final ReportService reports;
    private final ClinicEvents events;
    private final WorkflowAudit audit;

    ClinicController(ReadingRequests requests, ReadingWorkflow workflow, ReportService reports, ClinicEvents events,
            WorkflowAudit audit) {
        this.requests = requests;
        this.workflow = workflow;
        this.reports = reports;
        this.events = events;
        this.audit = audit;
    }

    /** The clinic's studies, newest first, with their reading state. */
    @GetMapping("/studies")
    List<ClinicStudy> studies(Caller caller, @RequestParam(defaultValue = "100") int limit) {
        requireClinic(caller);
        if (limit < 1 || limit > 500) {
            throw Problem.INVALID_INPUT.exception("limit must be 1..500");
        }
        Set<Long> critical = reports.unacknowledgedCritical(caller).stream().map(Report::requestId)
                .collect(Collectors.toSet());
        List<ReadingRequest> list = requests.ofHospital(caller, limit, workflow.now());
        audit.record(caller, "clinic studies", caller.hospitalId(), "", "success", list.size() + " studies");
        return list.stream().map(r -> ClinicStudy.of(r, critical.contains(r.id()))).toList();
    }

    /** Signed critical results the clinic has not acknowledged yet. */
    @GetMapping("/critical-results")
    List<Report> criticalResults(Caller caller) {
        requireClinic(caller);
        List<Report> list = reports.unacknowledgedCritical(caller);
        audit.record(caller, "clinic critical results", caller.hospitalId(), "", "success", list.size() + " open");
        return list;
    }

    /** Server-sent events: {@code reading} whenever one of the clinic's studies changes. */
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Caller caller) throws IOException {
        requireClinic(caller);
        return events.open(caller.hospitalId());
    }

    private static void requireClinic(Caller caller) {
        if (!caller.has(Role.CLINIC) || caller.hospitalId().isEmpty()) {
            throw Problem.FORBIDDEN.exception("this view is for a clinic of one hospital");
        }
    }
}
