package cn.qianli.centre.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DICOMweb client nobody here wrote: Orthanc's DICOMweb plugin, with the centre as its remote
 * server, stores studies through our STOW-RS (as gateway H001), finds them through our QIDO-RS
 * and retrieves them through our WADO-RS (as a radiologist).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrthancInteropTests extends CentreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    OrthancPeer orthanc;
    Http http;
    Path temp;

    /** A study as uploaded to Orthanc: its files, Orthanc's study id, the DICOM identifiers. */
    record Uploaded(List<Path> files, String orthancId, String studyUid, String patientId) {
    }

    @BeforeAll
    void startOrthanc() throws Exception {
        http = new Http(port);
        temp = Files.createTempDirectory(WORK, "orthanc-interop");
        orthanc = OrthancPeer.start("http://127.0.0.1:" + port + "/dicom-web/", Map.of(
                "qianli-gateway", Tokens.client("gateway-h001"),
                "qianli-reader", Tokens.user("radiologist1")));
    }

    @AfterAll
    void stopOrthanc() {
        if (orthanc != null) {
            orthanc.close();
        }
        deleteTree(temp);
    }

    private Uploaded uploadToOrthanc(int slices) throws Exception {
        String patientId = "OI-" + System.nanoTime();
        SyntheticCt ct = SyntheticCt.study(patientId, "Zhang^Wei=张^伟").size(32, 32).slices(slices);
        List<Path> files = ct.writeTo(Files.createTempDirectory(temp, "ct"));
        String studyId = null;
        for (Path file : files) {
            studyId = orthanc.upload(file).path("ParentStudy").asString();
        }
        return new Uploaded(files, studyId, ct.studyInstanceUid(), patientId);
    }

    private Uploaded storedThroughOrthanc(int slices) throws Exception {
        Uploaded study = uploadToOrthanc(slices);
        orthanc.post("/dicom-web/servers/qianli-gateway/stow",
                Map.of("Resources", List.of(study.orthancId()), "Synchronous", true));
        return study;
    }

    private JsonNode ourQido(String query) {
        var response = http.get("/dicom-web/" + query, Tokens.user("radiologist1"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String value(JsonNode dataSet, String tag) {
        return dataSet.path(tag).path("Value").path(0).asString();
    }

    /**
     * A value in the plugin's QIDO-RS answer, by tag ("0020000D"): DICOM JSON as we sent it, or
     * Orthanc's own form ("0020,000d": {"Value": ...}) into which the plugin may turn it.
     */
    private static String orthancValue(JsonNode dataSet, String tag) {
        for (String key : List.of(tag, tag.substring(0, 4) + "," + tag.substring(4).toLowerCase(java.util.Locale.ROOT),
                tag.substring(0, 4) + "," + tag.substring(4))) {
            JsonNode value = dataSet.path(key).path("Value");
            if (value.isArray()) {
                return value.path(0).asString();
            }
            if (value.isString()) {
                return value.asString();
            }
        }
        return "";
    }

    @Test
    void orthancStoresStudiesThroughOurStowRs() throws Exception {
        Uploaded study = storedThroughOrthanc(3);

        JsonNode studies = ourQido("studies?PatientID=" + study.patientId());
        assertThat(studies).hasSize(1);
        assertThat(value(studies.get(0), "0020000D")).isEqualTo(study.studyUid());
        JsonNode instances = ourQido("studies/" + study.studyUid() + "/instances");
        List<String> sops = new ArrayList<>();
        instances.forEach(i -> sops.add(value(i, "00080018")));
        List<String> expected = new ArrayList<>();
        for (Path file : study.files()) {
            expected.add(DicomInstance.readHeader(file).identity().sopInstanceUid());
        }
        assertThat(sops).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void orthancFindsStudiesThroughOurQidoRs() throws Exception {
        Uploaded study = storedThroughOrthanc(2);

        JsonNode byId = orthanc.post("/dicom-web/servers/qianli-reader/qido",
                Map.of("Uri", "/studies", "Arguments", Map.of("PatientID", study.patientId())));
        assertThat(byId).hasSize(1);
        assertThat(orthancValue(byId.get(0), "0020000D")).as(byId.toString()).isEqualTo(study.studyUid());

        JsonNode series = orthanc.post("/dicom-web/servers/qianli-reader/qido",
                Map.of("Uri", "/studies/" + study.studyUid() + "/series"));
        assertThat(series).hasSize(1);
        assertThat(orthancValue(series.get(0), "00080060")).as(series.toString()).isEqualTo("CT");
    }

    @Test
    void orthancRetrievesByteIdenticalDataSetsThroughOurWadoRs() throws Exception {
        Uploaded study = storedThroughOrthanc(3);
        orthanc.delete("/studies/" + study.orthancId());
        assertThat(orthanc.lookup(study.studyUid())).isEmpty();

        orthanc.post("/dicom-web/servers/qianli-reader/retrieve",
                Map.of("Resources", List.of(Map.of("Study", study.studyUid())), "Synchronous", true));

        for (Path file : study.files()) {
            String sop = DicomInstance.readHeader(file).identity().sopInstanceUid();
            JsonNode found = orthanc.lookup(sop);
            assertThat(found).as("Orthanc has " + sop).hasSize(1);
            byte[] retrieved = orthanc.bytes("/instances/" + found.get(0).path("ID").asString() + "/file");
            assertThat(dataSet(retrieved)).as(sop).isEqualTo(dataSet(Files.readAllBytes(file)));
        }
    }

    /** The data set of a DICOM file: what follows the 128-byte preamble, "DICM" and the meta information group. */
    private static byte[] dataSet(byte[] file) {
        assertThat(new String(file, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        // the first meta element is its group length (UL, explicit VR little endian): value at 140
        int groupLength = ByteBuffer.wrap(file, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(file, 144 + groupLength, file.length);
    }
}
