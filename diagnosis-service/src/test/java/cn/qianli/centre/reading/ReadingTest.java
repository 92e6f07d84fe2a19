package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The centre with the reading workflow on a clock the tests move: studies are stored through
 * STOW-RS like a gateway sends them and declared complete through {@link StudyIntake} (the
 * background intake scan is off, so each test decides when a study arrives). All subclasses share
 * one application context.
 */
@Import(FixedClockConfiguration.class)
@TestPropertySource(properties = "qianli.reading.intake-scan-interval=0")
public abstract class ReadingTest extends CentreTest {

    /** Monday 2026-11-23 10:00 in Shanghai. */
    public static final Instant MONDAY_10_00 = Instant.parse("2026-11-23T02:00:00Z");

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected StudyIntake intake;

    @Autowired
    @Qualifier("ownerDataSource")
    protected DataSource ownerDb;

    protected Http http;

    @BeforeEach
    void readingClient() {
        http = new Http(port);
        clock.set(MONDAY_10_00);
        Readers.ensure(new JdbcTemplate(ownerDb));
    }

    /** A stored CT study of {@code slices} slices for hospital H001, not yet declared complete. */
    protected SyntheticCt storeStudy(String bodyPart, String description, int slices) {
        return storeStudy(bodyPart, description, slices, "gateway-h001");
    }

    protected SyntheticCt storeStudy(String bodyPart, String description, int slices, String gateway) {
        try {
            SyntheticCt ct = SyntheticCt.study("P-" + System.nanoTime(), "Li^Na=李^娜").size(16, 16).slices(slices)
                    .bodyPart(bodyPart).studyDescription(description);
            Path dir = Files.createTempDirectory(WORK, "study");
            List<Path> files = ct.writeTo(dir);
            Stow.Answer answer = Stow.files(http, Tokens.client(gateway), files);
            assertThat(answer.status()).isEqualTo(200);
            deleteTree(dir);
            return ct;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete study's reading request id (ready). */
    /** Sends some of a study's files like a gateway does. */
    protected void send(List<Path> files) {
        assertThat(Stow.files(http, Tokens.client("gateway-h001"), files).status()).isEqualTo(200);
    }

    protected long readyStudy(String bodyPart, int slices) {
        SyntheticCt ct = storeStudy(bodyPart, "CT " + bodyPart, slices);
        return intake.completed(ct.studyInstanceUid(), slices).orElseThrow().id();
    }

    protected record Answer(int status, JsonNode body) {
        public String code() {
            return body.path("code").asString();
        }
    }

    protected Answer get(String path, String user) {
        return answer(http.send(http.request(path, token(user)).GET(), HttpResponse.BodyHandlers.ofString()));
    }

    protected Answer post(String path, String user, String json) {
        return answer(http.send(http.request(path, token(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), HttpResponse.BodyHandlers.ofString()));
    }

    protected Answer put(String path, String user, String json) {
        return answer(http.send(http.request(path, token(user)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString()));
    }

    protected Answer delete(String path, String user) {
        return answer(http.send(http.request(path, token(user)).DELETE(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A user's token, or the client's for names of confidential clients (ai-assist, gateway-h001). */
    protected static String token(String who) {
        return who.equals("ai-assist") || who.startsWith("gateway-") ? Tokens.client(who) : Readers.token(who);
    }

    private static Answer answer(HttpResponse<String> r) {
        String body = r.body();
        return new Answer(r.statusCode(), body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
    }

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    protected Clock clock() {
        return clock;
    }
}
