package cn.qianli.centre.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Report and addendum rows. Callers check who may see and change them. */
@Component
class Reports {

    private static final String SELECT = """
            SELECT rp.*, r.state, r.hospital_id, st.study_instance_uid
              FROM report rp JOIN reading_request r ON r.id = rp.request_id JOIN study st ON st.pk = r.study_pk
            """;

    private final NamedParameterJdbcTemplate jdbc;

    Reports(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    Optional<Report> ofRequest(long requestId, Instant now, Duration ackWithin) {
        return jdbc.query(SELECT + " WHERE rp.request_id = :id", new MapSqlParameterSource("id", requestId),
                (rs, n) -> report(rs, now, ackWithin)).stream().findFirst().map(this::withAddenda);
    }

    /** Critical results not acknowledged, of the hospitals in {@code tenancy} (over {@code st}). */
    List<Report> unacknowledgedCritical(String tenancyPredicate, java.util.Map<String, Object> params, Instant now,
            Duration ackWithin) {
        return jdbc.query(SELECT + """
                 WHERE rp.critical AND rp.critical_acknowledged_at IS NULL
                   AND (rp.preliminary_signed_at IS NOT NULL OR rp.final_signed_at IS NOT NULL)
                   AND """ + " " + tenancyPredicate + " ORDER BY coalesce(rp.preliminary_signed_at, rp.final_signed_at)",
                new MapSqlParameterSource(params), (rs, n) -> report(rs, now, ackWithin))
                .stream().map(this::withAddenda).toList();
    }

    void insertDraft(long requestId, String author, String language, String findings, String impression,
            boolean critical, Instant now) {
        jdbc.update("""
                INSERT INTO report (request_id, language, findings, impression, critical, author, version, updated_at)
                VALUES (:id, :lang, :findings, :impression, :critical, :author, 1, :now)""",
                new MapSqlParameterSource("id", requestId).addValue("lang", language).addValue("findings", findings)
                        .addValue("impression", impression).addValue("critical", critical).addValue("author", author)
                        .addValue("now", Timestamp.from(now)));
    }

    /** Saves the text if the report is still at {@code version} and not final; false otherwise. */
    boolean updateDraft(long reportId, int version, String author, String language, String findings,
            String impression, boolean critical, Instant now) {
        return jdbc.update("""
                UPDATE report SET language = :lang, findings = :findings, impression = :impression,
                       critical = :critical, author = :author, version = version + 1, updated_at = :now
                 WHERE id = :rid AND version = :version AND final_signed_at IS NULL""",
                new MapSqlParameterSource("rid", reportId).addValue("version", version).addValue("lang", language)
                        .addValue("findings", findings).addValue("impression", impression)
                        .addValue("critical", critical).addValue("author", author)
                        .addValue("now", Timestamp.from(now))) == 1;
    }

    boolean signPreliminary(long reportId, int version, String signer, Instant now) {
        return jdbc.update("""
                UPDATE report SET preliminary_signed_by = :signer, preliminary_signed_at = :now, version = version + 1,
                       updated_at = :now
                 WHERE id = :rid AND version = :version AND final_signed_at IS NULL""",
                new MapSqlParameterSource("rid", reportId).addValue("version", version).addValue("signer", signer)
                        .addValue("now", Timestamp.from(now))) == 1;
    }

    boolean signFinal(long reportId, int version, String signer, Instant now) {
        return jdbc.update("""
                UPDATE report SET final_signed_by = :signer, final_signed_at = :now, version = version + 1,
                       updated_at = :now
                 WHERE id = :rid AND version = :version AND final_signed_at IS NULL""",
                new MapSqlParameterSource("rid", reportId).addValue("version", version).addValue("signer", signer)
                        .addValue("now", Timestamp.from(now))) == 1;
    }

    void addAddendum(long reportId, String text, String signer, Instant now) {
        jdbc.update("INSERT INTO report_addendum (report_id, text, signed_by, signed_at) VALUES (:rid, :text, :signer, :now)",
                new MapSqlParameterSource("rid", reportId).addValue("text", text).addValue("signer", signer)
                        .addValue("now", Timestamp.from(now)));
        jdbc.update("UPDATE report SET version = version + 1 WHERE id = :rid", new MapSqlParameterSource("rid", reportId));
    }

    /** Records the first acknowledgement only; false when it was already acknowledged. */
    boolean acknowledge(long reportId, String who, Instant now) {
        return jdbc.update("""
                UPDATE report SET critical_acknowledged_by = :who, critical_acknowledged_at = :now
                 WHERE id = :rid AND critical AND critical_acknowledged_at IS NULL""",
                new MapSqlParameterSource("rid", reportId).addValue("who", who).addValue("now", Timestamp.from(now))) == 1;
    }

    void setDicomObject(long reportId, String seriesInstanceUid, String sopInstanceUid) {
        jdbc.update("UPDATE report SET dicom_series_instance_uid = :series, dicom_sop_instance_uid = :sop WHERE id = :rid",
                new MapSqlParameterSource("rid", reportId).addValue("series", seriesInstanceUid)
                        .addValue("sop", sopInstanceUid));
    }

    private Report withAddenda(Report r) {
        List<Report.Addendum> addenda = jdbc.query("SELECT * FROM report_addendum WHERE report_id = :rid ORDER BY id",
                new MapSqlParameterSource("rid", r.id()), (rs, n) -> new Report.Addendum(rs.getLong("id"),
                        rs.getString("text"), rs.getString("signed_by"), instant(rs, "signed_at")));
        return new Report(r.id(), r.requestId(), r.studyInstanceUid(), r.hospitalId(), r.status(), r.language(),
                r.findings(), r.impression(), r.critical(), r.author(), r.version(), r.updatedAt(),
                r.preliminarySignedBy(), r.preliminarySignedAt(), r.finalSignedBy(), r.finalSignedAt(),
                r.criticalAcknowledgedBy(), r.criticalAcknowledgedAt(), r.criticalEscalated(), r.dicomSeriesInstanceUid(),
                r.dicomSopInstanceUid(),
                addenda);
    }

    private static Report report(ResultSet rs, Instant now, Duration ackWithin) throws SQLException {
        Instant prelim = instant(rs, "preliminary_signed_at");
        Instant fin = instant(rs, "final_signed_at");
        Instant ack = instant(rs, "critical_acknowledged_at");
        boolean critical = rs.getBoolean("critical");
        Instant told = prelim != null ? prelim : fin;
        boolean escalated = critical && told != null && ack == null && !now.isBefore(told.plus(ackWithin));
        String state = rs.getString("state");
        String status = fin == null ? (prelim == null ? "draft" : "preliminary") : "amended".equals(state) ? "amended" : "final";
        return new Report(rs.getLong("id"), rs.getLong("request_id"), rs.getString("study_instance_uid"),
                rs.getString("hospital_id"), status, rs.getString("language"), rs.getString("findings"),
                rs.getString("impression"), critical, rs.getString("author"), rs.getInt("version"),
                instant(rs, "updated_at"), rs.getString("preliminary_signed_by"), prelim,
                rs.getString("final_signed_by"), fin, rs.getString("critical_acknowledged_by"), ack, escalated,
                rs.getString("dicom_series_instance_uid"), rs.getString("dicom_sop_instance_uid"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
