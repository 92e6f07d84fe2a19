package cn.qianli.centre.reading;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of the reading workflow: who may see, edit, claim and move a request, and when. Every
 * change is committed before its {@link ReadingChanged} is published.
 */
@Service
public class ReadingWorkflow {

    private static final Logger log = LoggerFactory.getLogger(ReadingWorkflow.class);

    private final ReadingRequests requests;
    private final ReportTimeLimits limits;
    private final ReadingProperties props;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final WorkflowAudit audit;

    ReadingWorkflow(ReadingRequests requests, ReportTimeLimits limits, ReadingProperties props, Clock clock,
            PlatformTransactionManager transactions, ApplicationEventPublisher events, WorkflowAudit audit) {
        this.requests = requests;
        this.limits = limits;
        this.props = props;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.audit = audit;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public ReadingProperties properties() {
        return props;
    }

    /**
     * The request, if {@code caller} may see it; otherwise 404, also when it belongs to another
     * hospital (a clinic does not learn that it exists).
     */
    public ReadingRequest visible(long id, Caller caller) {
        if (!caller.has(Role.CLINIC) && !caller.has(Role.RADIOLOGIST) && !caller.has(Role.AI)) {
            throw Problem.FORBIDDEN.exception("reading requests are for clinics, radiologists and the pre-screen");
        }
        return requests.find(id, caller, now())
                .orElseThrow(() -> Problem.NOT_FOUND.exception("no reading request " + id));
    }

    /** The request for the centre's own work (report outputs), whoever owns it; never answered to a caller as is. */
    public ReadingRequest visibleToCentre(long id) {
        return requests.findAny(id, now())
                .orElseThrow(() -> Problem.NOT_FOUND.exception("no reading request " + id));
    }

    public static void requireRadiologist(Caller caller) {
        if (!caller.has(Role.RADIOLOGIST)) {
            throw Problem.FORBIDDEN.exception("only radiologists may do this");
        }
    }

    /** The clinic (of the request's hospital) or a radiologist edits the clinical information. */
    public ReadingRequest updateClinicalInformation(long id, Caller caller, ClinicalInformation info) {
        ReadingRequest r = visible(id, caller);
        if (r.state() == ReadingState.FINAL || r.state() == ReadingState.AMENDED) {
            throw Problem.STATE_CONFLICT.exception("the request is reported; its clinical information is closed");
        }
        Priority urgency = info.urgency() == null ? r.priority() : Priority.of(info.urgency());
        String history = checked("history", info.history(), r.history(), 4000);
        String question = checked("question", info.question(), r.question(), 4000);
        String doctor = checked("requestingDoctor", info.requestingDoctor(), r.requestingDoctor(), 200);
        String procedure = checked("procedure", info.procedure(), r.procedure(), 1000);
        Instant due = limits.dueAt(urgency.max(r.aiPriority()), r.modality(), r.bodyPart(), r.arrivedAt());
        tx.executeWithoutResult(s -> requests.jdbc().update("""
                UPDATE reading_request SET history = :history, question = :question, requesting_doctor = :doctor,
                       procedure = :procedure, priority = :priority, due_at = :due, version = version + 1
                 WHERE id = :id""", new MapSqlParameterSource("id", id).addValue("history", history)
                .addValue("question", question).addValue("doctor", doctor).addValue("procedure", procedure)
                .addValue("priority", urgency.code()).addValue("due", ReadingRequests.ts(due))));
        audit.record(caller, "edit clinical information", r.hospitalId(), r.studyInstanceUid(), "success",
                "urgency " + urgency.code());
        return publish(id, "clinical-information");
    }

    /** The pre-screen raises the priority (never lowers it) and says why. */
    public ReadingRequest aiFindings(long id, Caller caller, AiFindings findings) {
        if (!caller.has(Role.AI)) {
            throw Problem.FORBIDDEN.exception("findings come from the pre-screen service");
        }
        ReadingRequest r = visible(id, caller);
        Priority ai = Priority.of(findings.priority());
        String reason = checked("reason", findings.reason(), "", 2000);
        Priority effective = r.priority().max(ai);
        Instant due = limits.dueAt(effective, r.modality(), r.bodyPart(), r.arrivedAt());
        Instant now = now();
        tx.executeWithoutResult(s -> requests.jdbc().update("""
                UPDATE reading_request SET ai_priority = :ai, ai_reason = :reason, ai_at = :now,
                       due_at = LEAST(due_at, :due), version = version + 1
                 WHERE id = :id""", new MapSqlParameterSource("id", id).addValue("ai", ai.code())
                .addValue("reason", reason).addValue("now", ReadingRequests.ts(now))
                .addValue("due", ReadingRequests.ts(due))));
        audit.record(caller, "pre-screen findings", r.hospitalId(), r.studyInstanceUid(), "success",
                "priority " + ai.code());
        log.info("reading request {} of {}: pre-screen priority {}", id, r.hospitalId(), ai.code());
        return publish(id, "ai-findings");
    }

    /**
     * Claims the request for the calling radiologist. Exactly one of two concurrent claims wins
     * (one conditional UPDATE); an expired claim may be taken by anyone, a live one only by a
     * senior radiologist with {@code takeover}.
     */
    public ReadingRequest claim(long id, Caller caller, boolean takeover) {
        requireRadiologist(caller);
        ReadingRequest r = visible(id, caller);
        if (takeover && !requests.isSenior(caller.actor())) {
            throw Problem.FORBIDDEN.exception("only a senior radiologist may take over a live claim");
        }
        if (!Set.of(ReadingState.READY, ReadingState.IN_PROGRESS, ReadingState.PRELIMINARY).contains(r.state())) {
            throw Problem.STATE_CONFLICT.exception("a request that is " + r.state().code() + " cannot be claimed");
        }
        Instant now = now();
        String previous = r.claimedBy();
        Optional<ReadingState> left = tx.execute(s -> {
            Optional<ReadingState> was = requests.claim(id, caller.actor(), now, now.plus(props.claimTimeout()), takeover);
            if (was.isPresent() && was.get() == ReadingState.READY) {
                requests.record(id, ReadingState.READY, ReadingState.IN_PROGRESS, caller.actor(), now, "claimed");
            }
            return was;
        });
        if (left == null || left.isEmpty()) {
            ReadingRequest now2 = requests.findAny(id, now).orElse(r);
            audit.record(caller, "claim", r.hospitalId(), r.studyInstanceUid(), "conflict",
                    "held by " + now2.claimedBy());
            if (!Set.of(ReadingState.READY, ReadingState.IN_PROGRESS, ReadingState.PRELIMINARY).contains(now2.state())) {
                throw Problem.STATE_CONFLICT.exception("a request that is " + now2.state().code() + " cannot be claimed");
            }
            throw Problem.CLAIMED_BY_ANOTHER.exception("claimed by " + now2.claimedBy() + " until "
                    + now2.claimExpiresAt());
        }
        String how = previous != null && !previous.equals(caller.actor()) ? "took over from " + previous : "claimed";
        audit.record(caller, "claim", r.hospitalId(), r.studyInstanceUid(), "success", how);
        log.info("reading request {} of {} {} by {}", id, r.hospitalId(), how, caller.actor());
        return publish(id, "claim");
    }

    /** Gives the claim back; an in-progress request without a signed report is ready again. */
    public ReadingRequest release(long id, Caller caller) {
        requireRadiologist(caller);
        ReadingRequest r = visible(id, caller);
        Instant now = now();
        boolean senior = requests.isSenior(caller.actor());
        if (r.claimedBy() == null) {
            return r;
        }
        if (!r.claimedBy().equals(caller.actor()) && !senior) {
            throw Problem.CLAIMED_BY_ANOTHER.exception("claimed by " + r.claimedBy());
        }
        tx.executeWithoutResult(s -> {
            requests.release(id, caller.actor(), senior);
            requests.transition(id, Set.of(ReadingState.IN_PROGRESS), ReadingState.READY, caller.actor(), now, "released");
        });
        audit.record(caller, "release claim", r.hospitalId(), r.studyInstanceUid(), "success", "");
        return publish(id, "claim");
    }

    /**
     * Throws unless {@code caller} holds a live claim on {@code r}; renews it.
     */
    public void requireClaim(ReadingRequest r, Caller caller) {
        requireRadiologist(caller);
        Instant now = now();
        if (!r.claimedBy(caller.actor(), now)) {
            throw r.claimedBy() != null && !r.claimExpired() && !r.claimedBy().equals(caller.actor())
                    ? Problem.CLAIMED_BY_ANOTHER.exception("claimed by " + r.claimedBy()
                            + "; a radiologist cannot write or sign for another")
                    : Problem.STATE_CONFLICT.exception("claim the request before writing or signing its report");
        }
        requests.renewClaim(r.id(), caller.actor(), now, now.plus(props.claimTimeout()));
    }

    /**
     * Moves the request inside the caller's transaction; 409 when it is not in one of {@code from}.
     */
    public void move(ReadingRequest r, Set<ReadingState> from, ReadingState to, String actor, Instant at,
            String detail) {
        if (requests.transition(r.id(), from, to, actor, at, detail).isEmpty()) {
            ReadingState current = requests.findAny(r.id(), at).map(ReadingRequest::state).orElse(r.state());
            throw Problem.STATE_CONFLICT.exception("a request that is " + current.code() + " cannot become "
                    + to.code());
        }
    }

    /** Drops the claim inside the caller's transaction (after the final signature). */
    public void endClaim(long id) {
        requests.release(id, "", true);
    }

    /** Runs {@code work} in one transaction. */
    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    /** The request as it is now, published as changed. */
    public ReadingRequest publish(long id, String what) {
        ReadingRequest r = requests.findAny(id, now()).orElseThrow();
        events.publishEvent(StudyIntake.changed(r, what));
        return r;
    }

    private String checked(String field, String value, String current, int max) {
        if (value == null) {
            return current;
        }
        if (value.length() > max) {
            throw Problem.TEXT_TOO_LONG.exception(field + " is limited to " + max + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw Problem.INVALID_INPUT.exception(field + " holds control characters");
        }
        return value;
    }
}
