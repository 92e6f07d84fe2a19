package cn.qianli.centre;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail as tests read it: what was recorded after a point, for one actor. */
public final class AuditEvents {

    /** One entry's who, what and outcome; study and instance are "" when it names none. */
    public record Entry(String actor, String action, String study, String sop, String outcome) {

        public Entry {
            study = study == null ? "" : study;
            sop = sop == null ? "" : sop;
        }

        /** "actor action [sop] outcome". */
        public String summary() {
            return actor + " " + action + (sop.isEmpty() ? "" : " " + sop) + " " + outcome;
        }
    }

    private AuditEvents() {
    }

    /** The sequence number of the newest entry, 0 when there is none. */
    public static long lastSeq(DataSource db) {
        Long seq = new JdbcTemplate(db).queryForObject("SELECT max(seq) FROM audit_event", Long.class);
        return seq == null ? 0 : seq;
    }

    /**
     * The entries of {@code actor} after {@code seq}, in order, once at least {@code count} are
     * there or two seconds have passed: a request's own entry is written once it is answered.
     */
    public static List<Entry> since(DataSource db, long seq, String actor, int count) throws InterruptedException {
        List<Entry> entries = List.of();
        for (int attempt = 0; attempt < 100 && entries.size() < count; attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 20);
            entries = new JdbcTemplate(db).query("""
                    SELECT actor, action, study_instance_uid, sop_instance_uid, outcome FROM audit_event
                    WHERE seq > ? AND actor = ? ORDER BY seq""", (rs, n) -> new Entry(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5)), seq, actor);
        }
        return entries;
    }
}
