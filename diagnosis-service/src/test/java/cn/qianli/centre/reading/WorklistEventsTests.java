package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorklistEventsTests extends ReadingTest {

    /** Safety net against a hung stream only; the assertions do not depend on speed. */
    static final Duration HANG = Duration.ofSeconds(120);

    @Test
    void radiologistsAreToldWhenTheWorklistChanges() {
        HttpResponse<Stream<String>> stream = assertTimeoutPreemptively(HANG, () -> http.send(
                http.request("/api/reading/events", token("radiologist1")).header("Accept", "text/event-stream").GET(),
                HttpResponse.BodyHandlers.ofLines()));
        try {
            assertThat(stream.statusCode()).isEqualTo(200);
            Iterator<String> lines = stream.body().iterator();
            assertThat(nextEvent(lines).path("hospitals").toString()).contains("H001", "H002");
            long id = readyStudy("HEAD", 1);
            post("/api/reading/" + id + "/ai-findings", "ai-assist", json(Map.of("priority", "stat", "reason", "出血?")));
            JsonNode arriving = nextEvent(lines);
            assertThat(arriving.path("requestId").asLong()).isEqualTo(id);
            assertThat(nextEvent(lines).path("state").asString()).isEqualTo("READY");
            JsonNode raised = nextEvent(lines);
            assertThat(raised.path("what").asString()).isEqualTo("ai-findings");
            assertThat(raised.path("hospitalId").asString()).isEqualTo("H001");
        } finally {
            stream.body().close();
        }
        assertThat(get("/api/reading/events", "clinic1").status()).isEqualTo(403);
    }

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
