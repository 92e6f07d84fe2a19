package cn.qianli.centre.hospital;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/gateway/heartbeat}: a gateway says it is alive and how its queue stands. Only
 * a registered gateway client, for its own hospital.
 */
@RestController
class GatewayHeartbeatController {

    private static final Logger log = LoggerFactory.getLogger(GatewayHeartbeatController.class);
    private static final int MAX_STATUS_CHARS = 16 * 1024;

    private final JdbcTemplate jdbc;

    GatewayHeartbeatController(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @PostMapping(path = "/api/gateway/heartbeat", consumes = "application/json")
    ResponseEntity<Void> heartbeat(Caller caller, @RequestBody JsonNode status) {
        if (!caller.has(Role.GATEWAY)) {
            throw Problem.FORBIDDEN.exception("only gateways send heartbeats");
        }
        List<String> registered = jdbc.queryForList("SELECT hospital_id FROM gateway WHERE client_id = ?",
                String.class, caller.actor());
        if (registered.isEmpty()) {
            throw Problem.FORBIDDEN.exception("this gateway is not registered with the centre");
        }
        String hospital = registered.get(0);
        String claimed = status.path("hospitalId").asString("");
        if ((!claimed.isEmpty() && !claimed.equals(hospital))
                || (!caller.hospitalId().isEmpty() && !caller.hospitalId().equals(hospital))) {
            throw Problem.OTHER_HOSPITAL.exception("the heartbeat names another hospital than the gateway's");
        }
        String json = status.toString();
        if (!status.isObject() || json.length() > MAX_STATUS_CHARS) {
            throw Problem.BAD_REQUEST.exception("the heartbeat is a JSON object of at most " + MAX_STATUS_CHARS + " characters");
        }
        jdbc.update("UPDATE gateway SET last_seen_at = now(), last_status = CAST(? AS jsonb) WHERE client_id = ?",
                json, caller.actor());
        log.debug(">> heartbeat from {} ({})", caller.actor(), hospital);
        return ResponseEntity.noContent().build();
    }
}
