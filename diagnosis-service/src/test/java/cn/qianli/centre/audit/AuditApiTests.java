package cn.qianli.centre.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class AuditApiTests extends CentreTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void refusesTheTrailToEveryRoleButAuditor() {
        for (String token : new String[] {Tokens.user("clinic1"), Tokens.user("radiologist1"),
                Tokens.client("gateway-h001"), Tokens.client("ai-assist")}) {
            HttpResponse<String> response = http.get("/api/audit", token);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("\"code\":\"forbidden\"");
            assertThat(http.get("/api/audit/verification", token).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void recordsWhoWasDeniedAndShowsItToTheAuditor() {
        http.get("/api/audit?actor=clinic2", Tokens.user("clinic2"));
        HttpResponse<String> trail = http.get("/api/audit?actor=clinic2&outcome=denied", Tokens.user("auditor1"));
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("\"actor\":\"clinic2\"", "\"role\":\"clinic\"", "\"hospitalId\":\"H002\"",
                "\"action\":\"GET /api/audit\"", "\"outcome\":\"denied\"", "\"clientAddress\":\"127.0.0.1\"");
    }

    @Test
    void recordsAServiceByItsClientId() {
        http.get("/api/audit", Tokens.client("gateway-h001"));
        assertThat(http.get("/api/audit?actor=gateway-h001", Tokens.user("auditor1")).body())
                .contains("\"actor\":\"gateway-h001\"", "\"role\":\"gateway\"", "\"hospitalId\":\"H001\"");
    }

    @Test
    void verifiesTheChainForTheAuditor() {
        HttpResponse<String> v = http.get("/api/audit/verification", Tokens.user("auditor1"));
        assertThat(v.statusCode()).isEqualTo(200);
        assertThat(v.body()).contains("\"intact\":true");
    }

    @Test
    void rejectsAMalformedTimeFilter() {
        HttpResponse<String> r = http.get("/api/audit?from=yesterday'%20OR%201=1", Tokens.user("auditor1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":\"invalid-query-parameter\"");
    }
}
