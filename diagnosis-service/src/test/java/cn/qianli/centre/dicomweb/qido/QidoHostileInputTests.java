package cn.qianli.centre.dicomweb.qido;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.ArchiveSnapshot;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * SQL, LIKE and path characters in every QIDO-RS parameter at every level, and in every UID of
 * a QIDO-RS or WADO-RS path: text keys match them literally (nothing found), the others are
 * refused with a problem document, nothing ever fails inside, and the archive is unchanged.
 */
class QidoHostileInputTests extends CentreTest {

    private static final List<String> HOSTILE = List.of("x' OR '1'='1", "1' OR 1=1--", "'; DROP TABLE study; --",
            "\" OR \"\"=\"", "%", "_", "\\", "$$", "$1", "../../etc/passwd", "..\\..\\windows", "/etc/passwd",
            "1.2.3/../4", "%2e%2e%2f", "*' OR '1'='1", "1.2.840' UNION SELECT rolpassword FROM pg_authid--",
            "1) OR (1=1", "张三' OR '1'='1");

    /** Keys whose hostile values are text to match: nothing in the archive has them. */
    private static final Map<String, Level> LITERAL = Map.ofEntries(Map.entry("PatientID", Level.STUDY),
            Map.entry("00100020", Level.STUDY), Map.entry("PatientName", Level.STUDY),
            Map.entry("AccessionNumber", Level.STUDY), Map.entry("ModalitiesInStudy", Level.STUDY),
            Map.entry("StudyID", Level.STUDY),
            Map.entry("StudyDescription", Level.STUDY), Map.entry("ReferringPhysicianName", Level.STUDY),
            Map.entry("Modality", Level.SERIES), Map.entry("SeriesNumber", Level.SERIES),
            Map.entry("SeriesDescription", Level.SERIES), Map.entry("BodyPartExamined", Level.SERIES),
            Map.entry("InstanceNumber", Level.INSTANCE));

    /** Keys and parameters whose hostile values are not of their kind (UID, date, number, attribute): 400. */
    private static final List<String> REFUSED = List.of("StudyInstanceUID", "0020000D", "SeriesInstanceUID",
            "SOPInstanceUID", "SOPClassUID", "StudyDate", "limit", "offset", "fuzzymatching", "includefield");

    @LocalServerPort
    int port;

    @Autowired
    DataSource db;

    @Autowired
    ObjectStore store;

    @TempDir
    Path temp;

    Http http;
    InstanceIdentity stored;
    ArchiveSnapshot before;

    @BeforeEach
    void archiveWithOneStudy() throws Exception {
        http = new Http(port);
        Path file = SyntheticCt.study("H-" + System.nanoTime(), "Zhao^Lei=赵^磊").accessionNumber("ACC1").size(16, 16)
                .slices(1).writeTo(Files.createTempDirectory(temp, "ct")).get(0);
        assertThat(Stow.files(http, Tokens.user("clinic1"), List.of(file)).status()).isEqualTo(200);
        stored = DicomInstance.readHeader(file).identity();
        before = ArchiveSnapshot.take(db, store);
    }

    @AfterEach
    void nothingStoredWasLostOrChanged() {
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
        HttpResponse<String> still = http.get("/dicom-web/studies?PatientID=" + stored.patientId(), Tokens.user("clinic1"));
        assertThat(still.body()).contains(stored.studyInstanceUid());
    }

    /** The six QIDO-RS searches, over the stored study where the path names one. */
    private Map<String, Level> searches() {
        String study = "/dicom-web/studies/" + stored.studyInstanceUid();
        return Map.of("/dicom-web/studies", Level.STUDY, "/dicom-web/series", Level.SERIES,
                "/dicom-web/instances", Level.INSTANCE, study + "/series", Level.SERIES, study + "/instances",
                Level.INSTANCE, study + "/series/" + stored.seriesInstanceUid() + "/instances", Level.INSTANCE);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void everyParameterAtEveryLevelMatchesHostileTextLiterallyOrRefusesIt() {
        String token = Tokens.user("radiologist1");
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (Map.Entry<String, Level> search : searches().entrySet()) {
            for (String key : concat(LITERAL.keySet(), REFUSED)) {
                Level keyLevel = LITERAL.get(key);
                // a literal key below the search's level is not a matching key there
                boolean matchingKey = keyLevel != null && keyLevel.ordinal() <= search.getValue().ordinal();
                for (String value : HOSTILE) {
                    // modality codes take no wildcards
                    boolean literal = matchingKey && !(key.equals("ModalitiesInStudy") && value.contains("*"));
                    String url = search.getKey() + "?" + key + "=" + q(value);
                    HttpResponse<String> r = http.get(url, token);
                    asked++;
                    String type = r.headers().firstValue("Content-Type").orElse("");
                    if (literal && !(r.statusCode() == 200 && r.body().equals("[]"))) {
                        wrong.add(url + ": " + r.statusCode() + " " + r.body());
                    } else if (!literal && !(r.statusCode() == 400 && type.startsWith("application/problem+json")
                            && r.body().contains("\"code\":\"invalid-query-parameter\""))) {
                        wrong.add(url + ": " + r.statusCode() + " " + r.body());
                    }
                }
            }
        }
        assertThat(asked).isEqualTo(6 * (LITERAL.size() + REFUSED.size()) * HOSTILE.size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void hostileUidsInQidoAndWadoPathsAreRefusedAndFindNothing() {
        String token = Tokens.user("radiologist1");
        String st = stored.studyInstanceUid();
        String se = stored.seriesInstanceUid();
        String sop = stored.sopInstanceUid();
        List<String> templates = List.of("/dicom-web/studies/%s/series", "/dicom-web/studies/%s/instances",
                "/dicom-web/studies/%s", "/dicom-web/studies/%s/metadata", "/dicom-web/studies/%s/thumbnail",
                "/dicom-web/studies/" + st + "/series/%s/instances", "/dicom-web/studies/" + st + "/series/%s",
                "/dicom-web/studies/" + st + "/series/%s/metadata",
                "/dicom-web/studies/" + st + "/series/" + se + "/instances/%s",
                "/dicom-web/studies/" + st + "/series/" + se + "/instances/%s/frames/1",
                "/dicom-web/studies/" + st + "/series/" + se + "/instances/%s/rendered",
                "/dicom-web/studies/" + st + "/series/" + se + "/instances/" + sop + "/frames/%s");
        List<String> wrong = new ArrayList<>();
        for (String template : templates) {
            for (String uid : concat(HOSTILE, List.of("..", "1.2..3", "01.2", "1".repeat(65), "1.2.3\u0000"))) {
                String url = String.format(template, q(uid));
                HttpResponse<String> r = http.get(url, token);
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!((r.statusCode() == 400 || r.statusCode() == 404) && type.startsWith("application/problem+json"))) {
                    wrong.add(url + ": " + r.statusCode() + " " + type + " " + r.body());
                }
            }
            // an encoded '/' never reaches the application: the web server refuses it, as a problem too
            HttpResponse<String> slash = http.get(String.format(template, "..%2F..%2Fetc"), token);
            if (slash.statusCode() != 400 || !slash.body().contains("\"code\":\"bad-request\"")) {
                wrong.add(template + " with an encoded '/': " + slash.statusCode() + " " + slash.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
