package cn.qianli.centre.reading;

import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns arriving studies into reading requests: {@code arriving} on the first instance,
 * {@code ready} when the sender declares the study complete. Clinical information is prefilled from
 * the DICOM header of a stored instance (Requested Procedure Description, Reason for Study,
 * Requesting Physician, Requested Procedure Priority).
 */
@Component
public class StudyIntake {

    private static final Logger log = LoggerFactory.getLogger(StudyIntake.class);
    static final String SYSTEM = "diagnosis-service";

    private final ReadingRequests requests;
    private final ReportTimeLimits limits;
    private final ObjectStore store;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    StudyIntake(ReadingRequests requests, ReportTimeLimits limits, ObjectStore store, Clock clock,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.requests = requests;
        this.limits = limits;
        this.store = store;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
    }

    @EventListener
    void on(StudyArrived event) {
        arrived(event.studyInstanceUid());
    }

    @EventListener
    void on(StudyCompleted event) {
        completed(event.studyInstanceUid(), event.numberOfInstances());
    }

    /** The reading request of a study that has instances at the centre; created {@code arriving}. */
    public Optional<ReadingRequest> arrived(String studyInstanceUid) {
        return arrived(studyInstanceUid, true);
    }

    /** {@code announceInstances}: tell the worklist that an existing request got instances. */
    private Optional<ReadingRequest> arrived(String studyInstanceUid, boolean announceInstances) {
        Instant now = now();
        Optional<ReadingRequest> existing = requests.findByStudy(studyInstanceUid, now);
        if (existing.isPresent()) {
            if (announceInstances) {
                events.publishEvent(changed(existing.get(), "instances"));
            }
            return existing;
        }
        Optional<StudyFacts> facts = facts(studyInstanceUid);
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        StudyFacts f = facts.get();
        Prefill pre = prefill(f.objectKey());
        Instant due = limits.dueAt(pre.priority(), f.modality(), f.bodyPart(), now);
        Boolean created = tx.execute(s -> {
            List<Long> ids = requests.jdbc().queryForList("""
                    INSERT INTO reading_request (study_pk, hospital_id, state, state_changed_at, priority, modality,
                        body_part, procedure, question, requesting_doctor, arrived_at, due_at)
                    VALUES (:pk, :hospital, 'arriving', :now, :priority, :modality, :bodyPart, :procedure, :question,
                        :doctor, :now, :due)
                    ON CONFLICT (study_pk) DO NOTHING RETURNING id""",
                    new MapSqlParameterSource("pk", f.studyPk()).addValue("hospital", f.hospitalId())
                            .addValue("now", ReadingRequests.ts(now)).addValue("priority", pre.priority().code())
                            .addValue("modality", f.modality()).addValue("bodyPart", f.bodyPart())
                            .addValue("procedure", clip(pre.procedure(), 1000)).addValue("question", clip(pre.question(), 4000))
                            .addValue("doctor", clip(pre.requestingDoctor(), 200)).addValue("due", ReadingRequests.ts(due)),
                    Long.class);
            if (!ids.isEmpty()) {
                requests.record(ids.get(0), null, ReadingState.ARRIVING, SYSTEM, now, "first instance stored");
            }
            return !ids.isEmpty();
        });
        Optional<ReadingRequest> request = requests.findByStudy(studyInstanceUid, now);
        if (Boolean.TRUE.equals(created) && request.isPresent()) {
            log.info("reading request {} for study {} of {} arriving ({} {}, {}, due {})", request.get().id(),
                    studyInstanceUid, f.hospitalId(), f.modality(), f.bodyPart(), pre.priority().code(), due);
            events.publishEvent(changed(request.get(), "state"));
        }
        return request;
    }

    /**
     * The sender declared the study complete: the request (created if needed) becomes
     * {@code ready}, with modality and body part from all its series. Idempotent.
     */
    public Optional<ReadingRequest> completed(String studyInstanceUid, Integer numberOfInstances) {
        // no "instances" change: completing announces its own state change
        Optional<ReadingRequest> arrived = arrived(studyInstanceUid, false);
        if (arrived.isEmpty()) {
            log.warn("study {} declared complete but not indexed", studyInstanceUid);
            return Optional.empty();
        }
        ReadingRequest r = arrived.get();
        Instant now = now();
        StudyFacts f = facts(studyInstanceUid).orElseThrow();
        Instant due = limits.dueAt(r.effectivePriority(), f.modality(), f.bodyPart(), r.arrivedAt());
        Optional<ReadingState> left = tx.execute(s -> {
            requests.jdbc().update("""
                    UPDATE reading_request SET modality = :modality, body_part = :bodyPart,
                           expected_instances = coalesce(:expected, expected_instances),
                           due_at = CASE WHEN state = 'arriving' THEN :due ELSE due_at END
                     WHERE id = :id""",
                    new MapSqlParameterSource("id", r.id()).addValue("modality", f.modality())
                            .addValue("bodyPart", f.bodyPart()).addValue("expected", numberOfInstances)
                            .addValue("due", ReadingRequests.ts(due)));
            return requests.transition(r.id(), Set.of(ReadingState.ARRIVING), ReadingState.READY, SYSTEM, now,
                    "study complete" + (numberOfInstances == null ? "" : ", " + numberOfInstances + " instances"));
        });
        Optional<ReadingRequest> ready = requests.findAny(r.id(), now);
        if (left != null && left.isPresent() && ready.isPresent()) {
            log.info("reading request {} for study {} of {} ready", r.id(), studyInstanceUid, r.hospitalId());
            events.publishEvent(changed(ready.get(), "state"));
        }
        return ready;
    }

    /**
     * The fallback when the sender says nothing: every indexed study without a reading request
     * becomes one ({@code arriving}), and an arriving study whose last instance was stored at least
     * {@code quietPeriod} ago becomes {@code ready}. Returns how many requests changed.
     */
    public int scan(Duration quietPeriod) {
        Instant now = now();
        int changed = 0;
        List<String> fresh = requests.jdbc().queryForList("""
                SELECT st.study_instance_uid FROM study st
                 WHERE NOT EXISTS (SELECT 1 FROM reading_request r WHERE r.study_pk = st.pk)
                 ORDER BY st.pk LIMIT 500""", new MapSqlParameterSource(), String.class);
        for (String uid : fresh) {
            if (arrived(uid).isPresent()) {
                changed++;
            }
        }
        List<String> quiet = requests.jdbc().queryForList("""
                SELECT st.study_instance_uid FROM reading_request r JOIN study st ON st.pk = r.study_pk
                 WHERE r.state = 'arriving'
                   AND coalesce((SELECT max(i.stored_at) FROM instance i JOIN series se ON se.pk = i.series_pk
                                  WHERE se.study_pk = st.pk), st.updated_at) <= :settled
                 ORDER BY r.id LIMIT 500""",
                new MapSqlParameterSource("settled", ReadingRequests.ts(now.minus(quietPeriod))), String.class);
        for (String uid : quiet) {
            completed(uid, null);
            changed++;
        }
        return changed;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ReadingChanged changed(ReadingRequest r, String what) {
        return new ReadingChanged(r.id(), r.hospitalId(), r.studyInstanceUid(), r.state(), what);
    }

    private record StudyFacts(long studyPk, String hospitalId, String modality, String bodyPart, String objectKey) {
    }

    /**
     * The object key of one instance of the study's first series, found through the series and
     * instance-by-series indexes: ordering the study's instances by pk let the planner walk the
     * whole instance table for a new study (its instances are the newest).
     */
    private Optional<StudyFacts> facts(String studyInstanceUid) {
        List<Map<String, Object>> rows = requests.jdbc().queryForList("""
                SELECT st.pk, st.hospital_id,
                       coalesce((SELECT se.modality FROM series se WHERE se.study_pk = st.pk AND se.modality <> ''
                                  ORDER BY se.number_of_instances DESC, se.pk LIMIT 1), '') AS modality,
                       coalesce((SELECT se.body_part_examined FROM series se
                                  WHERE se.study_pk = st.pk AND se.body_part_examined <> ''
                                  ORDER BY se.number_of_instances DESC, se.pk LIMIT 1), '') AS body_part,
                       (SELECT (SELECT i.object_key FROM instance i WHERE i.series_pk = se.pk LIMIT 1)
                          FROM series se WHERE se.study_pk = st.pk ORDER BY se.pk LIMIT 1) AS object_key
                  FROM study st WHERE st.study_instance_uid = :uid""",
                new MapSqlParameterSource("uid", studyInstanceUid));
        return rows.stream().findFirst().map(m -> new StudyFacts(((Number) m.get("pk")).longValue(),
                (String) m.get("hospital_id"), (String) m.get("modality"), (String) m.get("body_part"),
                (String) m.get("object_key")));
    }

    record Prefill(String procedure, String question, String requestingDoctor, Priority priority) {
    }

    /** What the header says about the request; nothing when the object cannot be read. */
    Prefill prefill(String objectKey) {
        Prefill none = new Prefill("", "", "", Priority.ROUTINE);
        if (objectKey == null) {
            return none;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("reading-prefill-", ".dcm");
            try (InputStream in = store.read(objectKey)) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            DicomInstance header = DicomInstance.readHeader(temp);
            String procedure = first(header.getString(Tag.RequestedProcedureDescription),
                    header.getString(Tag.StudyDescription));
            String question = first(header.getString(Tag.ReasonForStudy),
                    header.getString(Tag.ReasonForTheRequestedProcedure));
            String doctor = first(header.getString(Tag.RequestingPhysician),
                    header.getString(Tag.ReferringPhysicianName));
            return new Prefill(procedure, question, doctor.replace('^', ' ').strip(),
                    Priority.ofDicom(header.getString(Tag.RequestedProcedurePriority)));
        } catch (IOException | DicomFormatException | RuntimeException e) {
            log.warn("no prefill from {}: {}", objectKey, e.toString());
            return none;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file left behind is removed with the temp directory
                }
            }
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b == null ? "" : b.strip();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
