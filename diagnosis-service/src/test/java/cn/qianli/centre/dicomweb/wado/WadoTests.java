package cn.qianli.centre.dicomweb.wado;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.dicomweb.Samples;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.dicom.ByteRange;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.pixels.FrameLocation;
import cn.qianli.dicom.pixels.FrameLocator;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WadoTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path temp;

    Http http;
    List<Path> files;
    InstanceIdentity first;

    @BeforeEach
    void storedStudy() throws Exception {
        http = new Http(port);
        files = SyntheticCt.study("W-" + System.nanoTime(), "Liu^Yang=刘^洋").size(32, 32).slices(3)
                .writeTo(Files.createTempDirectory(temp, "ct"));
        assertThat(Stow.files(http, Tokens.user("clinic1"), files).status()).isEqualTo(200);
        first = DicomInstance.readHeader(files.get(0)).identity();
    }

    private String studyUrl() {
        return "/dicom-web/studies/" + first.studyInstanceUid();
    }

    private String instanceUrl(InstanceIdentity id) {
        return "/dicom-web/studies/" + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid() + "/instances/"
                + id.sopInstanceUid();
    }

    @Test
    void retrievesAStudyAsTheStoredObjectsByteForByte() throws Exception {
        HttpResponse<byte[]> r = Wado.get(http, studyUrl(), Tokens.user("radiologist1"),
                "multipart/related; type=\"application/dicom\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related");
        List<Wado.Part> parts = Wado.parts(r);
        assertThat(parts).hasSize(3);
        List<byte[]> expected = files.stream().map(Stow::read).toList();
        assertThat(parts.stream().map(Wado.Part::body).toList()).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(parts.get(0).contentType()).startsWith("application/dicom");
    }

    @Test
    void retrievesOneSeriesAndOneInstance() throws Exception {
        String series = studyUrl() + "/series/" + first.seriesInstanceUid();
        assertThat(Wado.parts(Wado.get(http, series, Tokens.user("clinic1"), null))).hasSize(3);
        List<Wado.Part> one = Wado.parts(Wado.get(http, instanceUrl(first), Tokens.user("clinic1"), "*/*"));
        assertThat(one).hasSize(1);
        assertThat(one.get(0).body()).isEqualTo(Files.readAllBytes(files.get(0)));
    }

    @Test
    void answersStudyAndSeriesMetadataAsDicomJson() throws Exception {
        HttpResponse<byte[]> r = Wado.get(http, studyUrl() + "/metadata", Tokens.user("clinic1"), "application/dicom+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/dicom+json");
        JsonNode metadata = JsonMapper.builder().build().readTree(r.body());
        assertThat(metadata).hasSize(3);
        JsonNode one = metadata.path(0);
        assertThat(one.path("0020000D").path("Value").path(0).asString()).isEqualTo(first.studyInstanceUid());
        assertThat(one.path("00100010").path("Value").path(0).path("Ideographic").asString()).isEqualTo("刘^洋");
        assertThat(one.path("7FE00010").path("BulkDataURI").asString()).contains("/instances/");
        JsonNode series = JsonMapper.builder().build().readTree(Wado.get(http, studyUrl() + "/series/"
                + first.seriesInstanceUid() + "/metadata", Tokens.user("clinic1"), null).body());
        assertThat(series).hasSize(3);
    }

    @Test
    void answersMetadataFromTheIndexAsFromTheStoredObject() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String url = instanceUrl(first) + "/metadata";
        JsonNode fromIndex = json.readTree(Wado.get(http, url, Tokens.user("clinic1"), null).body());
        // a row indexed before the column existed has no metadata: the object is read instead
        assertThat(new JdbcTemplate(dataSource).update("UPDATE instance SET metadata = NULL WHERE sop_instance_uid = ?",
                first.sopInstanceUid())).isEqualTo(1);
        JsonNode fromObject = json.readTree(Wado.get(http, url, Tokens.user("clinic1"), null).body());
        assertThat(fromIndex).isEqualTo(fromObject);
        assertThat(fromIndex.path(0).path("7FE00010").path("BulkDataURI").asString())
                .startsWith("http://").contains(instanceUrl(first) + "/bulkdata/");
    }

    @Test
    void servesFramesFromTheByteRangesOfTheStoredObject() throws Exception {
        for (String sample : new String[] {"test_files/CT_small.dcm", "test_files/rtdose.dcm",
                "test_files/examples_jpeg2k.dcm", "test_files/SC_rgb_jpeg_dcmtk.dcm"}) {
            Path file = Samples.file(sample);
            Stow.files(http, Tokens.user("clinic1"), List.of(file));
            DicomInstance instance = DicomInstance.read(file);
            String storedSha = index.findInstance(instance.identity().sopInstanceUid()).orElseThrow().sha256();
            assertThat(storedSha).as(sample).isEqualTo(sha256(Files.readAllBytes(file)));
            List<FrameLocation> frames = FrameLocator.locate(instance);
            byte[] bytes = Files.readAllBytes(file);
            String list = frames.size() == 1 ? "1" : "1," + frames.size();
            HttpResponse<byte[]> r = Wado.get(http, instanceUrl(instance.identity()) + "/frames/" + list,
                    Tokens.user("radiologist1"), "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
            assertThat(r.statusCode()).as(sample).isEqualTo(200);
            List<Wado.Part> parts = Wado.parts(r);
            assertThat(parts).as(sample).hasSize(frames.size() == 1 ? 1 : 2);
            assertThat(parts.get(0).body()).as(sample).isEqualTo(frameBytes(bytes, frames.get(0)));
            assertThat(parts.get(parts.size() - 1).body()).as(sample)
                    .isEqualTo(frameBytes(bytes, frames.get(frames.size() - 1)));
            assertThat(parts.get(0).contentType()).as(sample).contains("transfer-syntax=" + instance.transferSyntaxUid());
        }
    }

    @Test
    void servesTheFramesOfADeflatedInstanceAsInflatedNativeSamples() throws Exception {
        Path file = Samples.file("test_files/image_dfl.dcm");
        assertThat(Stow.files(http, Tokens.user("clinic1"), List.of(file)).status()).isEqualTo(200);
        DicomInstance instance = DicomInstance.read(file);
        assertThat(instance.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1.99");
        HttpResponse<byte[]> r = Wado.get(http, instanceUrl(instance.identity()) + "/frames/1",
                Tokens.user("radiologist1"), "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        assertThat(r.statusCode()).isEqualTo(200);
        List<Wado.Part> parts = Wado.parts(r);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).contentType()).contains("transfer-syntax=1.2.840.10008.1.2.1");
        byte[] expected = FrameLocator.frameBytes(instance, 0);
        assertThat(expected.length).isEqualTo(instance.identity().rows() * instance.identity().columns()
                * instance.getInt(0x00280002, 1) * (instance.getInt(0x00280100, 8) / 8));
        assertThat(parts.get(0).body()).isEqualTo(expected);
        assertThat(Wado.get(http, instanceUrl(instance.identity()) + "/frames/2", Tokens.user("radiologist1"), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void refusesFramesThatDoNotExist() {
        String frames = instanceUrl(first) + "/frames/";
        assertThat(Wado.get(http, frames + "2", Tokens.user("clinic1"), null).statusCode()).isEqualTo(404);
        assertThat(Wado.get(http, frames + "0", Tokens.user("clinic1"), null).statusCode()).isEqualTo(404);
        assertThat(Wado.get(http, frames + "1,x", Tokens.user("clinic1"), null).statusCode()).isEqualTo(400);
    }

    @Test
    void hidesOtherHospitalsStudiesAsNotFound() {
        String token = Tokens.user("clinic2");
        for (String path : new String[] {studyUrl(), studyUrl() + "/metadata", instanceUrl(first),
                instanceUrl(first) + "/frames/1", studyUrl() + "/series/" + first.seriesInstanceUid()}) {
            HttpResponse<byte[]> r = Wado.get(http, path, token, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(Wado.get(http, "/dicom-web/studies/1.2.3.4.5.6.7", Tokens.user("clinic1"), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void auditorsAndGatewaysRetrieveNoImages() {
        for (String token : new String[] {Tokens.user("auditor1"), Tokens.client("gateway-h001")}) {
            assertThat(Wado.get(http, studyUrl(), token, null).statusCode()).isEqualTo(403);
            assertThat(Wado.get(http, instanceUrl(first) + "/frames/1", token, null).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void refusesMediaTypesItCannotProduce() {
        assertThat(Wado.get(http, studyUrl(), Tokens.user("clinic1"), "image/png").statusCode()).isEqualTo(406);
        assertThat(Wado.get(http, studyUrl() + "/metadata", Tokens.user("clinic1"), "application/dicom+xml")
                .statusCode()).isEqualTo(406);
    }

    private static byte[] frameBytes(byte[] file, FrameLocation frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteRange r : frame.ranges()) {
            out.write(file, (int) r.offset(), (int) r.length());
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
