package cn.qianli.centre.statistics;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/statistics/hospitals?since=...}: per-hospital arrivals, for auditors. */
@RestController
class StatisticsController {

    private final JdbcTemplate jdbc;

    StatisticsController(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @GetMapping("/api/statistics/hospitals")
    List<HospitalActivity> hospitals(Caller caller, @RequestParam(required = false) String since) {
        if (!caller.has(Role.AUDITOR)) {
            throw Problem.FORBIDDEN.exception("statistics are for auditors");
        }
        Instant from = since(since);
        Map<String, Map<String, Long>> modalities = new HashMap<>();
        jdbc.query("""
                SELECT st.hospital_id, m.modality, count(*) FROM study st, unnest(st.modalities_in_study) AS m(modality)
                GROUP BY st.hospital_id, m.modality""", rs -> {
            modalities.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
        });
        return jdbc.query("""
                SELECT h.id, h.name, h.district, h.township, h.population_served,
                       count(st.pk), coalesce(sum(st.number_of_instances), 0),
                       count(st.pk) FILTER (WHERE st.created_at >= ?), max(st.created_at),
                       (SELECT max(g.last_seen_at) FROM gateway g WHERE g.hospital_id = h.id)
                FROM hospital h LEFT JOIN study st ON st.hospital_id = h.id
                GROUP BY h.id ORDER BY h.id""", (rs, n) -> new HospitalActivity(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                modalities.getOrDefault(rs.getString(1), Map.of()), instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10))), OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
    }

    /** The period's start: an ISO-8601 instant, 30 days ago by default. */
    private static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now().minus(30, ChronoUnit.DAYS);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.INVALID_QUERY_PARAMETER.exception("since must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
