package cn.qianli.centre.dicomweb.qido;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.OtherDistrict;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Who sees which studies: each role against its own and another hospital's. */
class QidoTenancyTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @TempDir
    Path temp;

    Http http;
    String h001;
    String h002;
    String otherDistrict;

    private String store(String token) throws Exception {
        List<Path> files = SyntheticCt.study("TEN-" + System.nanoTime(), "Chen^Jing").size(16, 16).slices(1)
                .writeTo(Files.createTempDirectory(temp, "ct"));
        assertThat(Stow.files(http, token, files).status()).isEqualTo(200);
        return DicomInstance.readHeader(files.get(0)).identity().studyInstanceUid();
    }

    @BeforeEach
    void threeHospitalsTwoDistricts() throws Exception {
        http = new Http(port);
        OtherDistrict.register(owner);
        h001 = store(Tokens.user("clinic1"));
        h002 = store(Tokens.client("gateway-h002"));
        // a clinic of a hospital in another district: a token the realm signs with hospital_id H009
        otherDistrict = store(Tokens.keycloak().reissue(Tokens.user("clinic1"), c -> c.put("hospital_id", OtherDistrict.HOSPITAL)));
    }

    private List<String> visible(String token) {
        HttpResponse<String> r = http.get("/dicom-web/studies?StudyInstanceUID=" + h001 + "," + h002 + ","
                + otherDistrict, token);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        JsonMapper.builder().build().readTree(r.body())
                .forEach(s -> uids.add(s.path("0020000D").path("Value").path(0).asString()));
        return uids;
    }

    @Test
    void clinicSeesOnlyItsOwnHospital() {
        assertThat(visible(Tokens.user("clinic1"))).containsExactly(h001);
        assertThat(visible(Tokens.user("clinic2"))).containsExactly(h002);
    }

    @Test
    void clinicDoesNotSeeAnotherHospitalsSeriesOrInstances() {
        String token = Tokens.user("clinic2");
        assertThat(http.get("/dicom-web/studies/" + h001 + "/series", token).body()).isEqualTo("[]");
        assertThat(http.get("/dicom-web/studies/" + h001 + "/instances", token).body()).isEqualTo("[]");
        assertThat(http.get("/dicom-web/series?StudyInstanceUID=" + h001, token).body()).isEqualTo("[]");
        assertThat(http.get("/dicom-web/instances?StudyInstanceUID=" + h001, token).body()).isEqualTo("[]");
    }

    @Test
    void radiologistSeesTheHospitalsOfItsDistrictOnly() {
        assertThat(visible(Tokens.user("radiologist1"))).containsExactlyInAnyOrder(h001, h002);
    }

    @Test
    void preScreenServiceSeesEveryStudy() {
        assertThat(visible(Tokens.client("ai-assist"))).containsExactlyInAnyOrder(h001, h002, otherDistrict);
    }

    @Test
    void auditorsAndGatewaysSeeNoStudies() {
        for (String token : new String[] {Tokens.user("auditor1"), Tokens.client("gateway-h001")}) {
            HttpResponse<String> r = http.get("/dicom-web/studies", token);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("\"code\":\"forbidden\"");
        }
    }
}
