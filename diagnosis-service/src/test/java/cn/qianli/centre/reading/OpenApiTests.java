package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiTests extends ReadingTest {

    @Test
    void apiIsDescribedByAnOpenApi3DocumentGeneratedFromTheCode() {
        HttpResponse<String> response = http.get("/api/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/api/reading/worklist")).isTrue();
        assertThat(paths.has("/api/reading/{id}/claim")).isTrue();
        assertThat(paths.has("/api/reading/{id}/ai-findings")).isTrue();
        assertThat(paths.has("/api/reading/{id}/report")).isTrue();
        assertThat(paths.has("/api/reading/{id}/report/final")).isTrue();
        assertThat(paths.has("/api/clinic/studies")).isTrue();
        assertThat(paths.has("/api/clinic/events")).isTrue();
        assertThat(paths.has("/dicom-web/studies")).isFalse();
        // the caller comes from the token, never from a parameter
        assertThat(paths.path("/api/reading/worklist").path("get").path("parameters").toString())
                .doesNotContain("\"caller\"").contains("\"modality\"");
        assertThat(doc.path("components").path("schemas").has("ReadingRequest")).isTrue();
    }

    @Test
    void theRestOfTheApiStillNeedsAToken() {
        assertThat(http.get("/api/reading/worklist", null).statusCode()).isEqualTo(401);
    }
}
