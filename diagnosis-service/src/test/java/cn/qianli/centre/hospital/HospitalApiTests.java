package cn.qianli.centre.hospital;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class HospitalApiTests extends CentreTest {

    @LocalServerPort
    int port;

    @Test
    void listsTheDemoHospitalsWithTheirGateways() {
        HttpResponse<String> r = new Http(port).get("/api/hospitals", Tokens.user("auditor1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"id\":\"H001\"", "\"district\":\"Wulong District\"", "\"township\":\"Xiangkou\"",
                "\"populationServed\":38000", "\"clientId\":\"gateway-h001\"", "\"id\":\"H002\"",
                "\"clientId\":\"gateway-h002\"");
    }

    @Test
    void needsASignedInCaller() {
        assertThat(new Http(port).get("/api/hospitals", null).statusCode()).isEqualTo(401);
    }
}
