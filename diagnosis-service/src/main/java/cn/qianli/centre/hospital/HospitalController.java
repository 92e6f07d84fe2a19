package cn.qianli.centre.hospital;

import cn.qianli.centre.security.Caller;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The hospitals and their gateways, for every signed-in role (no patient data here). */
@RestController
class HospitalController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    HospitalController(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @GetMapping("/api/hospitals")
    List<Hospital> hospitals(Caller caller) {
        Map<String, List<Hospital.Gateway>> gateways = new LinkedHashMap<>();
        jdbc.query("SELECT hospital_id, client_id, name, last_seen_at, last_status::text FROM gateway ORDER BY client_id",
                rs -> {
                    Timestamp seen = rs.getTimestamp(4);
                    String status = rs.getString(5);
                    gateways.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Hospital.Gateway(
                            rs.getString(2), rs.getString(3), seen == null ? null : seen.toInstant(),
                            status == null ? null : JSON.readTree(status)));
                });
        return jdbc.query("SELECT id, name, district, township, population_served FROM hospital ORDER BY id",
                (rs, n) -> new Hospital(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        gateways.getOrDefault(rs.getString(1), List.of())));
    }
}
