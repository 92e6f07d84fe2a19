package cn.qianli.centre.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

class AuditTrailTests extends CentreTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    /** Repairs what a test tampered with, so the shared trail stays intact for the other tests. */
    private final List<Runnable> repairs = new ArrayList<>();

    @AfterEach
    void repair() {
        repairs.forEach(Runnable::run);
    }

    private AuditEntry append(String actor, String study) {
        return trail.append(AuditEntry.of(actor, "clinic", "H001", "GET /dicom-web/studies/{study}", study, "", "",
                "success", "127.0.0.1", "status 200"));
    }

    @Test
    void chainsEachEntryToThePreviousOne() {
        AuditEntry a = append("clinic1", "1.2.3");
        AuditEntry b = append("clinic1", "1.2.4");
        assertThat(b.prevHash()).isEqualTo(a.hash());
        assertThat(b.seq()).isGreaterThan(a.seq());
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void keepsOneChainUnderConcurrentAppends() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<AuditEntry>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String study = "1.2.840." + i;
                futures.add(pool.submit(() -> append("radiologist1", study)));
            }
            for (Future<AuditEntry> f : futures) {
                f.get();
            }
        }
        ChainVerification v = trail.verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void verificationFindsAnEntryEditedByTheOwner() {
        append("clinic1", "1.2.5");
        AuditEntry edited = append("clinic1", "1.2.6");
        append("clinic1", "1.2.7");
        JdbcTemplate asOwner = new JdbcTemplate(owner);
        asOwner.update("UPDATE audit_event SET actor = 'someone-else' WHERE seq = ?", edited.seq());
        repairs.add(() -> asOwner.update("UPDATE audit_event SET actor = 'clinic1' WHERE seq = ?", edited.seq()));

        ChainVerification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(edited.seq());
        assertThat(v.reason()).contains("edited");
    }

    @Test
    void verificationFindsAnEntryRemovedByTheOwner() {
        append("clinic2", "1.2.8");
        AuditEntry removed = append("clinic2", "1.2.9");
        AuditEntry next = append("clinic2", "1.2.10");
        JdbcTemplate asOwner = new JdbcTemplate(owner);
        var row = asOwner.queryForMap("SELECT * FROM audit_event WHERE seq = ?", removed.seq());
        asOwner.update("DELETE FROM audit_event WHERE seq = ?", removed.seq());
        repairs.add(() -> asOwner.update("""
                INSERT INTO audit_event (seq, at, actor, role, hospital_id, action, study_instance_uid,
                  series_instance_uid, sop_instance_uid, outcome, client_address, detail, prev_hash, hash)
                OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                row.get("seq"), row.get("at"), row.get("actor"), row.get("role"), row.get("hospital_id"),
                row.get("action"), row.get("study_instance_uid"), row.get("series_instance_uid"),
                row.get("sop_instance_uid"), row.get("outcome"), row.get("client_address"), row.get("detail"),
                row.get("prev_hash"), row.get("hash")));

        ChainVerification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(next.seq());
        assertThat(v.reason()).contains("removed");
    }

    @Test
    void findsEntriesByActorStudyAndTime() {
        String actor = "user-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        append(actor, "1.2.11");
        append(actor, "1.2.12");
        append("someone", "1.2.12");
        assertThat(trail.find(new AuditQuery(actor, null, null, null, null, null, null, 0, 0)))
                .extracting(AuditEntry::studyInstanceUid).containsExactly("1.2.12", "1.2.11");
        assertThat(trail.find(new AuditQuery(actor, "H001", null, "1.2.12", "success", before, null, 10, 0)))
                .hasSize(1);
        assertThat(trail.find(new AuditQuery(actor, null, null, null, null, null, before, 10, 0))).isEmpty();
        assertThat(trail.find(new AuditQuery(actor, null, null, null, null, null, null, 1, 1)))
                .extracting(AuditEntry::studyInstanceUid).containsExactly("1.2.11");
    }

    @Test
    void treatsHostileFilterValuesAsPlainText() {
        assertThat(trail.find(new AuditQuery("x' OR '1'='1", null, null, "1.2'; DELETE FROM audit_event;--",
                null, null, null, 10, 0))).isEmpty();
        assertThat(trail.verify().intact()).isTrue();
    }
}
