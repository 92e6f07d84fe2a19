package cn.qianli.centre.hospital;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

class GatewayHeartbeatTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource db;

    private HttpResponse<String> beat(String token, String json) {
        Http http = new Http(port);
        return http.send(http.request("/api/gateway/heartbeat", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsTheGatewaysQueueAndShowsItWithItsHospital() {
        HttpResponse<String> r = beat(Tokens.client("gateway-h002"),
                "{\"hospitalId\":\"H002\",\"queueDepth\":17,\"bytesPending\":123456,\"lastError\":null}");
        assertThat(r.statusCode()).isEqualTo(204);
        String hospitals = new Http(port).get("/api/hospitals", Tokens.user("auditor1")).body();
        assertThat(hospitals).contains("\"queueDepth\":17");
        assertThat(new JdbcTemplate(db).queryForObject(
                "SELECT last_seen_at IS NOT NULL FROM gateway WHERE client_id = 'gateway-h002'", Boolean.class)).isTrue();
    }

    @Test
    void refusesHeartbeatsForAnotherHospitalOrFromOtherRoles() {
        assertThat(beat(Tokens.client("gateway-h001"), "{\"hospitalId\":\"H002\"}").statusCode()).isEqualTo(403);
        assertThat(beat(Tokens.user("clinic1"), "{\"hospitalId\":\"H001\"}").statusCode()).isEqualTo(403);
        assertThat(beat(Tokens.client("ai-assist"), "{}").statusCode()).isEqualTo(403);
        assertThat(beat(Tokens.client("gateway-h001"), "[1,2]").statusCode()).isEqualTo(400);
        assertThat(beat(null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void leavesHeartbeatsOutOfTheAuditTrail() {
        beat(Tokens.client("gateway-h001"), "{\"hospitalId\":\"H001\",\"queueDepth\":0}");
        assertThat(new JdbcTemplate(db).queryForObject(
                // a heartbeat refused for want of a valid token is recorded (as anonymous), like every 401
                "SELECT count(*) FROM audit_event WHERE action LIKE '%heartbeat%' AND actor <> 'anonymous'",
                Integer.class)).isZero();
    }
}
