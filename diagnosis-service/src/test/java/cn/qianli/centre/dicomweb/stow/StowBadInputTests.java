package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.ArchiveSnapshot;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad requests get a clear answer, and nothing already stored is lost or changed. */
class StowBadInputTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    DataSource db;

    @TempDir
    Path temp;

    Http http;
    byte[] instance;
    ArchiveSnapshot before;

    @BeforeEach
    void archiveWithOneStudy() throws Exception {
        http = new Http(port);
        Path file = SyntheticCt.study("B-" + System.nanoTime(), "Wang^Fang").size(16, 16).slices(1)
                .writeTo(Files.createTempDirectory(temp, "ct")).get(0);
        instance = Files.readAllBytes(file);
        // the archive holds something before every bad request: it must come out unchanged
        assertThat(Stow.files(http, Tokens.user("clinic1"), List.of(file)).status()).isEqualTo(200);
        before = ArchiveSnapshot.take(db, store);
    }

    @AfterEach
    void nothingStoredWasLostOrChanged() {
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
    }

    private Stow.Answer post(String contentType, byte[] body) {
        return Stow.send(http, "/dicom-web/studies", Tokens.user("clinic1"), contentType, body);
    }

    @Test
    void refusesANonDicomPartAsCannotUnderstand() {
        Stow.Answer answer = post(Stow.CONTENT_TYPE, Stow.body(List.of("%PDF-1.7 not an image".getBytes())));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(StowTests.CANNOT_UNDERSTAND);
    }

    @Test
    void refusesATruncatedInstanceInsideAWholePart() {
        // cut inside the Pixel Data value (the last 512 bytes); a cut that happens to fall between two
        // elements would leave a shorter but whole data set
        byte[] cut = Arrays.copyOf(instance, instance.length - 100);
        Stow.Answer answer = post(Stow.CONTENT_TYPE, Stow.body(List.of(cut)));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(StowTests.CANNOT_UNDERSTAND);
    }

    @Test
    void refusesABodyCutOffInsideAPart() {
        byte[] whole = Stow.body(List.of(instance));
        Stow.Answer answer = post(Stow.CONTENT_TYPE, Arrays.copyOf(whole, whole.length / 2));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problemCode()).isEqualTo("malformed-multipart");
    }

    @Test
    void refusesAPartOfAnotherType() {
        Stow.Answer answer = post(Stow.CONTENT_TYPE, Stow.body(List.of(instance), List.of("application/octet-stream")));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(StowTests.CANNOT_UNDERSTAND);
    }

    @Test
    void refusesContentTypesOtherThanMultipartRelatedDicom() {
        for (String type : new String[] {"application/dicom", "application/json",
                "multipart/form-data; boundary=" + Stow.BOUNDARY,
                "multipart/related; type=\"application/dicom+json\"; boundary=" + Stow.BOUNDARY, "not a type"}) {
            Stow.Answer answer = post(type, Stow.body(List.of(instance)));
            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.problemCode()).as(type).isEqualTo("unsupported-media-type");
        }
        assertThat(post(null, Stow.body(List.of(instance))).status()).isEqualTo(415);
    }

    @Test
    void refusesAMultipartTypeWithoutBoundary() {
        Stow.Answer answer = post("multipart/related; type=\"application/dicom\"", Stow.body(List.of(instance)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problemCode()).isEqualTo("malformed-multipart");
    }

    @Test
    void refusesABodyWithTheWrongBoundary() {
        Stow.Answer answer = post("multipart/related; type=\"application/dicom\"; boundary=other",
                Stow.body(List.of(instance)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problemCode()).isEqualTo("malformed-multipart");
    }

    @Test
    void refusesAnEmptyMultipart() {
        Stow.Answer answer = post(Stow.CONTENT_TYPE, Stow.body(List.of()));
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void refusesARequestDeclaredLargerThanTheLimit() {
        byte[] big = Stow.body(List.of(new byte[(MAX_REQUEST_MB + 1) * 1024 * 1024]));
        // as a careful client does: the answer comes before the body is sent
        HttpRequest.Builder request = http.request("/dicom-web/studies", Tokens.user("clinic1")).expectContinue(true)
                .header("Content-Type", Stow.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(big));
        Stow.Answer answer = Stow.answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.problemCode()).isEqualTo("payload-too-large");
    }

    @Test
    void refusesAStreamedRequestThatGrowsPastTheLimit() {
        byte[] head = ("--" + Stow.BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] filler = new byte[(MAX_REQUEST_MB * 1024 + 512) * 1024];
        HttpRequest.Builder request = http.request("/dicom-web/studies", Tokens.user("clinic1"))
                .header("Content-Type", Stow.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new ByteArrayInputStream(head), new ByteArrayInputStream(filler))));
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void refusesHostileStudyUidsInTheUrl() {
        for (String uid : new String[] {"1.2.3' OR '1'='1", "1.2.3;DROP TABLE study", "..", "1.2..3", "01.2",
                "1.2.3%00", "1".repeat(65), "张"}) {
            Stow.Answer answer = Stow.send(http, "/dicom-web/studies/" + URLEncoder.encode(uid, StandardCharsets.UTF_8),
                    Tokens.user("clinic1"), Stow.CONTENT_TYPE, Stow.body(List.of(instance)));
            assertThat(answer.status()).as(uid).isIn(400, 404);
            assertThat(answer.contentType()).as(uid).startsWith("application/problem+json");
        }
        for (String raw : new String[] {"1.2.3%3BDROP", "1.2.3;x=1", "1.2.3%27", "%2E%2E/%2E%2E/etc"}) {
            Stow.Answer answer = Stow.send(http, "/dicom-web/studies/" + raw, Tokens.user("clinic1"),
                    Stow.CONTENT_TYPE, Stow.body(List.of(instance)));
            assertThat(answer.status()).as(raw).isEqualTo(400);
            assertThat(answer.contentType()).as(raw).startsWith("application/problem+json");
        }
        // an encoded '/' is refused by the web server itself, before the application
        HttpResponse<String> slash = http.send(http.request("/dicom-web/studies/..%2F..%2Fetc", Tokens.user("clinic1"))
                .header("Content-Type", Stow.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(
                        Stow.body(List.of(instance)))), HttpResponse.BodyHandlers.ofString());
        assertThat(slash.statusCode()).isEqualTo(400);
        assertThat(slash.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(slash.body()).contains("\"code\":\"bad-request\"");
    }
}
