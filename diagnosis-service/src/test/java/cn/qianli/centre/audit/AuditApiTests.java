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
    void recordsRequestsRefusedForWantOfAValidTokenAsAnonymousKeepingTheChainIntact() {
        String study = "1.2.826.0.1.3680043.10.1.77." + System.nanoTime();
        String none = "/dicom-web/studies/" + study + "/metadata";
        String invalid = "/api/reading/worklist";
        String expired = "/dicom-web/studies/" + study + "/series";
        assertThat(http.get(none, null).statusCode()).isEqualTo(401);
        assertThat(http.get(invalid + "?mark=" + study, "not-a-token").statusCode()).isEqualTo(401);
        assertThat(http.get(expired, Tokens.keycloak().expired(Tokens.user("clinic1"))).statusCode()).isEqualTo(401);

        HttpResponse<String> trail = http.get("/api/audit?actor=anonymous&outcome=denied&limit=500",
                Tokens.user("auditor1"));
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("\"action\":\"GET " + none + "\"", "\"action\":\"GET " + invalid + "\"",
                "\"action\":\"GET " + expired + "\"", "\"actor\":\"anonymous\"", "\"clientAddress\":\"127.0.0.1\"",
                "no bearer token; status 401", "bearer token refused; status 401");
        assertThat(trail.body()).doesNotContain("not-a-token");
        assertThat(http.get("/api/audit/verification", Tokens.user("auditor1")).body()).contains("\"intact\":true");
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
