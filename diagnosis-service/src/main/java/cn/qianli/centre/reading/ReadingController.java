package cn.qianli.centre.reading;

import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The worklist and the reading requests: {@code /api/reading}. */
@RestController
@RequestMapping("/api/reading")
class ReadingController {

    private final ReadingWorkflow workflow;
    private final ReadingRequests requests;
    private final WorkflowAudit audit;
    private final WorklistEvents events;

    ReadingController(ReadingWorkflow workflow, ReadingRequests requests, WorkflowAudit audit, WorklistEvents events) {
        this.workflow = workflow;
        this.requests = requests;
        this.audit = audit;
        this.events = events;
    }

    /** Server-sent events {@code reading} whenever a request of the radiologist's hospitals changes. */
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Caller caller) throws IOException {
        ReadingWorkflow.requireRadiologist(caller);
        return events.open(caller);
    }

    /**
     * The radiologist's worklist: most urgent first, then least time left to the due time, then
     * arrival. {@code state} may repeat; dates are the arrival day in the centre's zone.
     */
    @GetMapping("/worklist")
    List<ReadingRequest> worklist(Caller caller, @RequestParam(required = false) String hospital,
            @RequestParam(required = false) String modality, @RequestParam(required = false) List<String> state,
            @RequestParam(required = false) String priority, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "false") boolean assigned,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") long offset) {
        ReadingWorkflow.requireRadiologist(caller);
        if (limit < 1 || limit > 500 || offset < 0) {
            throw Problem.INVALID_INPUT.exception("limit must be 1..500 and offset not negative");
        }
        List<ReadingState> states = new ArrayList<>();
        if (state != null) {
            for (String s : state) {
                try {
                    states.add(ReadingState.of(s.strip()));
                } catch (IllegalArgumentException e) {
                    throw Problem.INVALID_INPUT.exception("unknown state " + s);
                }
            }
        }
        var zone = workflow.properties().workingHours().zone();
        Instant fromInstant = day("from", from) == null ? null : day("from", from).atStartOfDay(zone).toInstant();
        Instant toInstant = day("to", to) == null ? null : day("to", to).plusDays(1).atStartOfDay(zone).toInstant();
        var filter = new ReadingRequests.WorklistFilter(states, hospital, modality,
                priority == null || priority.isBlank() ? null : Priority.of(priority), fromInstant, toInstant, assigned,
                limit, offset);
        List<ReadingRequest> list = requests.worklist(caller, filter, workflow.now());
        audit.record(caller, "worklist", hospital, "", "success", list.size() + " requests");
        return list;
    }

    @GetMapping("/{id}")
    ReadingRequest get(Caller caller, @PathVariable long id) {
        ReadingRequest r = workflow.visible(id, caller);
        audit.record(caller, "read reading request", r.hospitalId(), r.studyInstanceUid(), "success", "request " + id);
        return r;
    }

    /** The reading request of a study. */
    @GetMapping("/studies/{study}")
    ReadingRequest ofStudy(Caller caller, @PathVariable String study) {
        if (!UidSyntax.isValid(study)) {
            throw Problem.INVALID_INPUT.exception("not a valid DICOM UID");
        }
        long id = requests.findByStudy(study, workflow.now()).map(ReadingRequest::id)
                .orElseThrow(() -> Problem.NOT_FOUND.exception("no reading request for this study"));
        return get(caller, id);
    }

    /** Each state change with who and when. */
    @GetMapping("/{id}/transitions")
    List<Transition> transitions(Caller caller, @PathVariable long id) {
        workflow.visible(id, caller);
        return requests.transitions(id);
    }

    @PutMapping("/{id}/clinical-information")
    ReadingRequest clinicalInformation(Caller caller, @PathVariable long id, @RequestBody ClinicalInformation info) {
        return workflow.updateClinicalInformation(id, caller, info);
    }

    /** Claims the request; {@code takeover=true} lets a senior radiologist take a live claim. */
    @PostMapping("/{id}/claim")
    ReadingRequest claim(Caller caller, @PathVariable long id, @RequestParam(defaultValue = "false") boolean takeover) {
        return workflow.claim(id, caller, takeover);
    }

    @DeleteMapping("/{id}/claim")
    ReadingRequest release(Caller caller, @PathVariable long id) {
        return workflow.release(id, caller);
    }

    /** The pre-screen's findings (role {@code ai}): raise the priority, with the reason shown. */
    @PostMapping("/{id}/ai-findings")
    ReadingRequest aiFindings(Caller caller, @PathVariable long id, @RequestBody AiFindings findings) {
        return workflow.aiFindings(id, caller, findings);
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Problem.INVALID_INPUT.exception(name + " must be a date such as 2026-01-31");
        }
    }
}
