package cn.qianli.centre.dicomweb.qido;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.Samples;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PS3.18 matching on the study, series and instance levels, against real stored instances. */
class QidoMatchingTests extends CentreTest {

    static final String CT = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    static final String MR = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";
    static final String NM = "1.3.6.1.4.1.5962.1.2.8.20040826185059.5457";
    static final String RTDOSE = "1.2.999.999.99.9.9999.8888";
    static final String CHINESE = "1.3.6.1.4.1.5962.1.2.0.1175775771.5711.0";

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    Http http;
    String synthetic;
    String accession;

    @BeforeEach
    void archive() throws Exception {
        http = new Http(port);
        for (String f : new String[] {"test_files/CT_small.dcm", "test_files/MR_small.dcm", "test_files/JPEG2000.dcm",
                "test_files/rtdose.dcm", "charset_files/chrX1.dcm"}) {
            // stored here or by another test already: either way the instance is H001's
            Stow.files(http, Tokens.user("clinic1"), List.of(Samples.file(f)));
        }
        accession = "A" + (System.nanoTime() % 1_000_000_000L);
        List<Path> files = SyntheticCt.study("QIDO-" + accession, "Zhang^Wei=张^伟").accessionNumber(accession)
                .size(16, 16).slices(2).writeTo(Files.createTempDirectory(temp, "ct"));
        assertThat(Stow.files(http, Tokens.user("clinic1"), files).status()).isEqualTo(200);
        synthetic = DicomInstance.readHeader(files.get(0)).identity().studyInstanceUid();
    }

    private HttpResponse<String> get(String path) {
        return http.get(path, Tokens.user("clinic1"));
    }

    private List<String> studies(String query) {
        HttpResponse<String> r = get("/dicom-web/studies?" + query);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        JSON.readTree(r.body()).forEach(s -> uids.add(s.path("0020000D").path("Value").path(0).asString()));
        return uids;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void matchesPatientIdExactlyAndByWildcard() {
        assertThat(studies("PatientID=1CT1")).containsExactly(CT);
        assertThat(studies("00100020=1CT1")).containsExactly(CT);
        assertThat(studies("PatientID=" + q("*MR?"))).contains(MR).doesNotContain(CT);
        assertThat(studies("PatientID=1CT")).isEmpty();
    }

    @Test
    void matchesPatientNamesInAnyComponentGroupIncludingChinese() {
        assertThat(studies("PatientName=" + q("王^小東"))).containsExactly(CHINESE);
        assertThat(studies("PatientName=" + q("王*"))).containsExactly(CHINESE);
        assertThat(studies("PatientName=" + q("Wang^XiaoDong"))).containsExactly(CHINESE);
        assertThat(studies("PatientName=" + q("张^伟"))).contains(synthetic);
        assertThat(studies("PatientName=" + q("CompressedSamples^*"))).contains(CT, MR, NM).doesNotContain(CHINESE);
    }

    @Test
    void answersPersonNamesAsComponentGroups() {
        JsonNode study = JSON.readTree(get("/dicom-web/studies?StudyInstanceUID=" + CHINESE).body()).path(0);
        JsonNode pn = study.path("00100010");
        assertThat(pn.path("vr").asString()).isEqualTo("PN");
        assertThat(pn.path("Value").path(0).path("Alphabetic").asString()).isEqualTo("Wang^XiaoDong");
        assertThat(pn.path("Value").path(0).path("Ideographic").asString()).isEqualTo("王^小東");
    }

    @Test
    void matchesStudyDateRanges() {
        assertThat(studies("StudyDate=20040101-20040131")).contains(CT).doesNotContain(MR, RTDOSE);
        assertThat(studies("StudyDate=20040826")).contains(MR, NM).doesNotContain(CT);
        assertThat(studies("StudyDate=-20031231")).contains(RTDOSE).doesNotContain(CT, MR);
        assertThat(studies("StudyDate=20050101-")).contains(synthetic).doesNotContain(CT, MR, RTDOSE);
    }

    @Test
    void matchesModalitiesInStudyAndAccessionNumber() {
        assertThat(studies("ModalitiesInStudy=MR")).contains(MR).doesNotContain(CT, NM);
        assertThat(studies("ModalitiesInStudy=" + q("CT,NM"))).contains(CT, NM).doesNotContain(MR);
        assertThat(studies("AccessionNumber=" + accession)).containsExactly(synthetic);
    }

    @Test
    void matchesAListOfStudyInstanceUidsWithLimitAndOffset() {
        String list = q(CT + "," + MR + "," + NM);
        assertThat(studies("StudyInstanceUID=" + list)).containsExactlyInAnyOrder(CT, MR, NM);
        assertThat(studies("StudyInstanceUID=" + list + "&limit=2")).hasSize(2);
        List<String> all = studies("StudyInstanceUID=" + list);
        assertThat(studies("StudyInstanceUID=" + list + "&limit=2&offset=2")).containsExactly(all.get(2));
        assertThat(studies("StudyInstanceUID=" + q(CT + "\\" + MR))).containsExactlyInAnyOrder(CT, MR);
    }

    @Test
    void searchesSeriesAndInstancesOfAStudy() {
        HttpResponse<String> series = get("/dicom-web/studies/" + synthetic + "/series");
        assertThat(series.statusCode()).isEqualTo(200);
        JsonNode s = JSON.readTree(series.body());
        assertThat(s).hasSize(1);
        assertThat(s.path(0).path("00080060").path("Value").path(0).asString()).isEqualTo("CT");
        assertThat(s.path(0).path("00201209").path("Value").path(0).asInt()).isEqualTo(2);
        String seriesUid = s.path(0).path("0020000E").path("Value").path(0).asString();

        JsonNode instances = JSON.readTree(get("/dicom-web/studies/" + synthetic + "/series/" + seriesUid
                + "/instances").body());
        assertThat(instances).hasSize(2);
        assertThat(instances.path(0).path("00081190").path("Value").path(0).asString())
                .contains("/dicom-web/studies/" + synthetic + "/series/" + seriesUid + "/instances/");
        assertThat(JSON.readTree(get("/dicom-web/series?Modality=CT&StudyInstanceUID=" + synthetic).body())).hasSize(1);
        assertThat(JSON.readTree(get("/dicom-web/instances?StudyInstanceUID=" + synthetic).body())).hasSize(2);
    }

    @Test
    void answersDicomJsonAndWarnsThatFuzzyMatchingIsOff() {
        HttpResponse<String> r = get("/dicom-web/studies?PatientID=1CT1&fuzzymatching=true&includefield=all");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/dicom+json"));
        assertThat(r.headers().firstValue("Warning")).hasValueSatisfying(v -> assertThat(v).startsWith("299"));
    }

    @Test
    void refusesUnknownKeysAndMalformedValues() {
        for (String query : new String[] {"NoSuchKey=1", "StudyDate=2004", "StudyDate=20040101-2004", "limit=-1",
                "limit=ten", "StudyInstanceUID=" + q("1.2.3' OR '1'='1"), "fuzzymatching=maybe",
                "includefield=" + q("pg_sleep(10)"), "SOPInstanceUID=1.2.3", "ModalitiesInStudy=" + q("C*")}) {
            HttpResponse<String> r = get("/dicom-web/studies?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.body()).as(query).contains("\"code\":\"invalid-query-parameter\"");
        }
    }

    @Test
    void treatsSqlAndLikeCharactersAsLiteralText() {
        for (String value : new String[] {"x' OR '1'='1", "%", "_", "1CT1'--", "\\", "1CT1; DROP TABLE study",
                "$$", "../../etc/passwd"}) {
            assertThat(studies("PatientID=" + q(value))).as(value).isEmpty();
            assertThat(studies("PatientName=" + q(value))).as(value).isEmpty();
            assertThat(studies("AccessionNumber=" + q(value))).as(value).isEmpty();
        }
        assertThat(studies("PatientID=1CT1")).containsExactly(CT);
    }
}
