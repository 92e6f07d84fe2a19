package cn.qianli.centre.reading;

import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Tenancy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and changes reading request rows. Every query over requests joins the study and applies
 * the caller's {@link Tenancy}; every state change is one conditional UPDATE, recorded in
 * {@code reading_transition}.
 */
@Component
public class ReadingRequests {

    static final String RANK = "CASE %s WHEN 'stat' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END";
    static final String EFFECTIVE_RANK = "LEAST(" + RANK.formatted("r.priority") + ", " + RANK.formatted("r.ai_priority") + ")";

    static final String SELECT = """
            SELECT r.*, st.study_instance_uid, st.patient_id, st.patient_name, st.patient_sex, st.patient_birth_date,
                   st.study_date, st.accession_number, st.study_description, st.number_of_instances,
                   h.name AS hospital_name
              FROM reading_request r
              JOIN study st ON st.pk = r.study_pk
              JOIN hospital h ON h.id = r.hospital_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    ReadingRequests(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The request if it exists and {@code caller} may see its study. */
    public Optional<ReadingRequest> find(long id, Caller caller, Instant now) {
        Tenancy t = Tenancy.readable(caller, "st");
        MapSqlParameterSource p = new MapSqlParameterSource(t.params()).addValue("id", id);
        return jdbc.query(SELECT + " WHERE r.id = :id AND " + t.predicate(), p, mapper(now)).stream().findFirst();
    }

    /** The request whoever owns it (for the workflow's own use, never answered to a caller as is). */
    public Optional<ReadingRequest> findAny(long id, Instant now) {
        return jdbc.query(SELECT + " WHERE r.id = :id", new MapSqlParameterSource("id", id), mapper(now))
                .stream().findFirst();
    }

    public boolean exists(long id) {
        return !jdbc.queryForList("SELECT id FROM reading_request WHERE id = :id", new MapSqlParameterSource("id", id),
                Long.class).isEmpty();
    }

    public Optional<ReadingRequest> findByStudy(String studyInstanceUid, Instant now) {
        return jdbc.query(SELECT + " WHERE st.study_instance_uid = :uid",
                new MapSqlParameterSource("uid", studyInstanceUid), mapper(now)).stream().findFirst();
    }

    /** The worklist: most urgent first, then least time left to the due time, then arrival. */
    public List<ReadingRequest> worklist(Caller caller, WorklistFilter f, Instant now) {
        Tenancy t = Tenancy.readable(caller, "st");
        MapSqlParameterSource p = new MapSqlParameterSource(t.params());
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE ").append(t.predicate());
        sql.append(" AND r.state = ANY(:states)");
        p.addValue("states", f.states().stream().map(ReadingState::code).toArray(String[]::new));
        if (!f.hospitalId().isEmpty()) {
            sql.append(" AND r.hospital_id = :hospital");
            p.addValue("hospital", f.hospitalId());
        }
        if (!f.modality().isEmpty()) {
            sql.append(" AND (r.modality = :modality OR :modality = ANY(st.modalities_in_study))");
            p.addValue("modality", f.modality());
        }
        if (f.priority() != null) {
            sql.append(" AND ").append(EFFECTIVE_RANK).append(" = ").append(f.priority().ordinal());
        }
        if (f.arrivedFrom() != null) {
            sql.append(" AND r.arrived_at >= :from");
            p.addValue("from", ts(f.arrivedFrom()));
        }
        if (f.arrivedBefore() != null) {
            sql.append(" AND r.arrived_at < :before");
            p.addValue("before", ts(f.arrivedBefore()));
        }
        if (f.assignedOnly()) {
            sql.append("""
                     AND (NOT EXISTS (SELECT 1 FROM reading_assignment a WHERE a.username = :me)
                       OR EXISTS (SELECT 1 FROM reading_assignment a WHERE a.username = :me
                                   AND (a.hospital_id = '' OR a.hospital_id = r.hospital_id)
                                   AND (a.modality = '' OR a.modality = r.modality)))""");
            p.addValue("me", caller.actor());
        }
        sql.append(" ORDER BY ").append(EFFECTIVE_RANK).append(", r.due_at, r.arrived_at, r.id LIMIT :limit OFFSET :offset");
        p.addValue("limit", f.limit()).addValue("offset", f.offset());
        return jdbc.query(sql.toString(), p, mapper(now));
    }

    /** A clinic's requests (tenancy applies), newest first. */
    public List<ReadingRequest> ofHospital(Caller caller, int limit, Instant now) {
        Tenancy t = Tenancy.readable(caller, "st");
        MapSqlParameterSource p = new MapSqlParameterSource(t.params()).addValue("limit", limit);
        return jdbc.query(SELECT + " WHERE " + t.predicate() + " ORDER BY r.arrived_at DESC, r.id DESC LIMIT :limit",
                p, mapper(now));
    }

    public List<Transition> transitions(long id) {
        return jdbc.query("SELECT * FROM reading_transition WHERE request_id = :id ORDER BY id",
                new MapSqlParameterSource("id", id), (rs, n) -> new Transition(
                        rs.getString("from_state") == null ? null : ReadingState.of(rs.getString("from_state")),
                        ReadingState.of(rs.getString("to_state")), rs.getString("actor"), instant(rs, "at"),
                        rs.getString("detail")));
    }

    /**
     * Moves the request to {@code to} if it is in one of {@code from}, in one conditional UPDATE;
     * returns the state it left, or empty when it was in none of them (nothing changed).
     */
    public Optional<ReadingState> transition(long id, Set<ReadingState> from, ReadingState to, String actor,
            Instant now, String detail) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("to", to.code())
                .addValue("from", from.stream().map(ReadingState::code).toArray(String[]::new))
                .addValue("now", ts(now));
        List<String> left = jdbc.queryForList("""
                UPDATE reading_request r SET state = :to, state_changed_at = :now, version = r.version + 1
                  FROM (SELECT id, state FROM reading_request WHERE id = :id FOR UPDATE) old
                 WHERE r.id = old.id AND r.state = ANY(:from)
                RETURNING old.state""", p, String.class);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        record(id, ReadingState.of(left.get(0)), to, actor, now, detail);
        return Optional.of(ReadingState.of(left.get(0)));
    }

    void record(long id, ReadingState from, ReadingState to, String actor, Instant now, String detail) {
        jdbc.update("""
                INSERT INTO reading_transition (request_id, from_state, to_state, actor, at, detail)
                VALUES (:id, :from, :to, :actor, :at, :detail)""",
                new MapSqlParameterSource("id", id).addValue("from", from == null ? null : from.code())
                        .addValue("to", to.code()).addValue("actor", actor).addValue("at", ts(now))
                        .addValue("detail", detail == null ? "" : detail));
    }

    /**
     * Claims the request for {@code actor} until {@code expires}: one conditional UPDATE that
     * succeeds only when nobody else holds a live claim (or {@code takeover}); a ready request moves
     * to in progress. Returns the state it was in, or empty when someone else holds it.
     */
    public Optional<ReadingState> claim(long id, String actor, Instant now, Instant expires, boolean takeover) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("me", actor).addValue("now", ts(now))
                .addValue("expires", ts(expires)).addValue("takeover", takeover);
        List<String> left = jdbc.queryForList("""
                UPDATE reading_request r
                   SET claimed_by = :me, claimed_at = :now, claim_expires_at = :expires,
                       state = CASE WHEN r.state = 'ready' THEN 'in_progress' ELSE r.state END,
                       state_changed_at = CASE WHEN r.state = 'ready' THEN :now ELSE r.state_changed_at END,
                       version = r.version + 1
                  FROM (SELECT id, state FROM reading_request WHERE id = :id FOR UPDATE) old
                 WHERE r.id = old.id AND r.state IN ('ready', 'in_progress', 'preliminary')
                   AND (r.claimed_by IS NULL OR r.claimed_by = :me OR r.claim_expires_at <= :now OR :takeover)
                RETURNING old.state""", p, String.class);
        return left.stream().findFirst().map(ReadingState::of);
    }

    /** Extends a live claim of {@code actor}; false when the caller does not hold it. */
    public boolean renewClaim(long id, String actor, Instant now, Instant expires) {
        return jdbc.update("""
                UPDATE reading_request SET claim_expires_at = :expires
                 WHERE id = :id AND claimed_by = :me AND claim_expires_at > :now""",
                new MapSqlParameterSource("id", id).addValue("me", actor).addValue("now", ts(now))
                        .addValue("expires", ts(expires))) == 1;
    }

    /** Drops the claim of {@code actor} (or any claim when {@code anyone}). */
    public boolean release(long id, String actor, boolean anyone) {
        return jdbc.update("""
                UPDATE reading_request SET claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL,
                       version = version + 1
                 WHERE id = :id AND (claimed_by = :me OR :anyone)""",
                new MapSqlParameterSource("id", id).addValue("me", actor).addValue("anyone", anyone)) == 1;
    }

    public boolean isSenior(String actor) {
        return !jdbc.queryForList("SELECT username FROM senior_reader WHERE username = :u",
                new MapSqlParameterSource("u", actor), String.class).isEmpty();
    }

    NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static RowMapper<ReadingRequest> mapper(Instant now) {
        return (rs, n) -> {
            Priority priority = Priority.of(rs.getString("priority"));
            Priority ai = Priority.parse(rs.getString("ai_priority")).orElse(null);
            Instant expires = instant(rs, "claim_expires_at");
            Object expected = rs.getObject("expected_instances");
            return new ReadingRequest(rs.getLong("id"), rs.getString("study_instance_uid"), rs.getString("hospital_id"),
                    rs.getString("hospital_name"), rs.getString("patient_id"), rs.getString("patient_name"),
                    rs.getString("patient_sex"), rs.getString("patient_birth_date"), rs.getString("study_date"),
                    rs.getString("accession_number"), rs.getString("study_description"), rs.getString("modality"),
                    rs.getString("body_part"), rs.getInt("number_of_instances"),
                    expected == null ? null : ((Number) expected).intValue(), ReadingState.of(rs.getString("state")),
                    instant(rs, "state_changed_at"), priority, priority.max(ai), ai, rs.getString("ai_reason"),
                    rs.getString("procedure"), rs.getString("history"), rs.getString("question"),
                    rs.getString("requesting_doctor"), instant(rs, "arrived_at"), instant(rs, "due_at"),
                    rs.getString("claimed_by"), instant(rs, "claimed_at"), expires,
                    expires != null && !expires.isAfter(now), rs.getInt("version"));
        };
    }

    /** Unused values in filters are empty strings or null. */
    public record WorklistFilter(List<ReadingState> states, String hospitalId, String modality, Priority priority,
            Instant arrivedFrom, Instant arrivedBefore, boolean assignedOnly, int limit, long offset) {

        public static final List<ReadingState> OPEN = Arrays.asList(ReadingState.ARRIVING, ReadingState.READY,
                ReadingState.IN_PROGRESS, ReadingState.PRELIMINARY);

        public WorklistFilter {
            states = states == null || states.isEmpty() ? OPEN : List.copyOf(states);
            hospitalId = hospitalId == null ? "" : hospitalId;
            modality = modality == null ? "" : modality;
        }
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
