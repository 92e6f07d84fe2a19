package cn.qianli.centre.audit;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for auditors: filtered reading and chain verification. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    List<AuditEntry> find(Caller caller, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String hospital, @RequestParam(required = false) String action,
            @RequestParam(required = false) String study, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") long offset) {
        requireAuditor(caller);
        return trail.find(new AuditQuery(actor, hospital, action, study, outcome, instant("from", from),
                instant("to", to), limit, offset));
    }

    @GetMapping("/verification")
    ChainVerification verify(Caller caller) {
        requireAuditor(caller);
        return trail.verify();
    }

    private static void requireAuditor(Caller caller) {
        if (!caller.has(Role.AUDITOR)) {
            throw Problem.FORBIDDEN.exception("The audit trail is for auditors");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.INVALID_QUERY_PARAMETER.exception(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
