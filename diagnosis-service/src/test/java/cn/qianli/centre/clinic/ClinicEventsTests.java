package cn.qianli.centre.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.qianli.centre.reading.ReadingTest;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ClinicEventsTests extends ReadingTest {

    /** Safety net against a hung stream only; the assertions do not depend on speed. */
    static final Duration HANG = Duration.ofSeconds(120);

    @Test
    void changesArePushedToTheClinicOfTheirHospitalOnly() {
        HttpResponse<Stream<String>> one = open("clinic1");
        HttpResponse<Stream<String>> two = open("clinic2");
        try {
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(one.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            Iterator<String> lines1 = one.body().iterator();
            Iterator<String> lines2 = two.body().iterator();
            assertThat(nextEvent(lines1).path("hospitalId").asString()).isEqualTo("H001");
            assertThat(nextEvent(lines2).path("hospitalId").asString()).isEqualTo("H002");

            SyntheticCt h001 = storeStudy("CHEST", "CT chest", 1);
            long id = intake.completed(h001.studyInstanceUid(), 1).orElseThrow().id();
            SyntheticCt h002 = storeStudy("CHEST", "CT chest", 1, "gateway-h002");
            long other = intake.completed(h002.studyInstanceUid(), 1).orElseThrow().id();
            put("/api/reading/" + id + "/clinical-information", "clinic1", json(Map.of("question", "肺炎?")));

            JsonNode arriving = nextEvent(lines1);
            assertThat(arriving.path("requestId").asLong()).isEqualTo(id);
            assertThat(arriving.path("state").asString()).isEqualTo("ARRIVING");
            JsonNode ready = nextEvent(lines1);
            assertThat(ready.path("state").asString()).isEqualTo("READY");
            JsonNode edited = nextEvent(lines1);
            assertThat(edited.path("requestId").asLong()).isEqualTo(id);
            assertThat(edited.path("what").asString()).isEqualTo("clinical-information");
            assertThat(edited.toString()).doesNotContain("肺炎");

            // the first event clinic2 receives is about its own study, never clinic1's
            JsonNode first = nextEvent(lines2);
            assertThat(first.path("requestId").asLong()).isEqualTo(other);
        } finally {
            one.body().close();
            two.body().close();
        }
    }

    @Test
    void onlyAClinicOpensTheStream() {
        assertThat(get("/api/clinic/events", "radiologist1").status()).isEqualTo(403);
        assertThat(get("/api/clinic/studies", "radiologist1").status()).isEqualTo(403);
    }

    private HttpResponse<Stream<String>> open(String user) {
        return assertTimeoutPreemptively(HANG, () -> http.send(http.request("/api/clinic/events", token(user))
                .header("Accept", "text/event-stream").GET(), HttpResponse.BodyHandlers.ofLines()));
    }

    /** The data of the next event on the stream. */
    private static JsonNode nextEvent(Iterator<String> lines) {
        return assertTimeoutPreemptively(HANG, () -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    return JSON.readTree(line.substring(5).strip());
                }
            }
            throw new AssertionError("the event stream ended");
        });
    }
}
