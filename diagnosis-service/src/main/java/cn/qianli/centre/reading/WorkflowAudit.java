package cn.qianli.centre.reading;

import cn.qianli.centre.audit.AuditEntry;
import cn.qianli.centre.audit.AuditTrail;
import cn.qianli.centre.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Audit entries naming the study a workflow action touched (the HTTP audit filter records the
 * request itself, keyed by the request id in the route).
 */
@Component
public class WorkflowAudit {

    private final AuditTrail trail;

    WorkflowAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(Caller caller, String action, String hospitalId, String studyInstanceUid, String outcome,
            String detail) {
        trail.append(AuditEntry.of(caller.actor(), caller.roleNames(), hospitalId, action, studyInstanceUid, "", "",
                outcome, caller.clientAddress(), detail));
    }

    /** For actions of the centre itself (intake), with no person behind them. */
    public void recordSystem(String action, String hospitalId, String studyInstanceUid, String detail) {
        trail.append(AuditEntry.of("diagnosis-service", "system", hospitalId, action, studyInstanceUid, "", "",
                "success", "", detail));
    }
}
