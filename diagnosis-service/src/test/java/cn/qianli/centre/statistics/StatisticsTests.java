package cn.qianli.centre.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StatisticsTests extends CentreTest {

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    private JsonNode hospital(String id) {
        HttpResponse<String> r = new Http(port).get("/api/statistics/hospitals", Tokens.user("auditor1"));
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode h : JsonMapper.builder().build().readTree(r.body())) {
            if (h.path("hospitalId").asString().equals(id)) {
                return h;
            }
        }
        throw new AssertionError("no " + id);
    }

    @Test
    void countsWhatArrivedFromEachHospitalWithoutPatientData() throws Exception {
        long before = hospital("H002").path("studies").asLong();
        Stow.files(new Http(port), Tokens.client("gateway-h002"), SyntheticCt.study("STAT-" + System.nanoTime(),
                "Ma^Chao").size(16, 16).slices(3).writeTo(Files.createTempDirectory(temp, "ct")));
        JsonNode h002 = hospital("H002");
        assertThat(h002.path("studies").asLong()).isEqualTo(before + 1);
        assertThat(h002.path("studiesInPeriod").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(h002.path("studiesByModality").path("CT").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(h002.path("populationServed").asInt()).isEqualTo(27000);
        assertThat(h002.toString()).doesNotContain("Ma^Chao", "STAT-");
    }

    @Test
    void isForAuditorsOnly() {
        for (String token : new String[] {Tokens.user("clinic1"), Tokens.user("radiologist1"),
                Tokens.client("gateway-h001")}) {
            assertThat(new Http(port).get("/api/statistics/hospitals", token).statusCode()).isEqualTo(403);
        }
        assertThat(new Http(port).get("/api/statistics/hospitals?since=yesterday", Tokens.user("auditor1"))
                .statusCode()).isEqualTo(400);
    }
}
