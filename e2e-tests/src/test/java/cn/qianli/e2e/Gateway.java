package cn.qianli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a hospital's gateway does to the centre: STOW-RS stores and the study-complete call. */
final class Gateway {

    private static final String BOUNDARY = "qianli-e2e-boundary";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String centre;
    private final String token;

    Gateway(String centre, String token) {
        this.centre = centre;
        this.token = token;
    }

    /** The STOW-RS answer: status and the number of instances the centre failed to store. */
    record Stored(int status, int failed, String body) {
        boolean ok() {
            return status == 200 && failed == 0;
        }
    }

    Stored store(List<Path> files) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(centre + "/dicom-web/studies"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/dicom+json")
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        int failed = 0;
        if (!r.body().isBlank() && r.body().strip().startsWith("{")) {
            // FailedSOPSequence (0008,1198)
            JsonNode failures = JSON.readTree(r.body()).path("00081198").path("Value");
            failed = failures.size();
        }
        return new Stored(r.statusCode(), failed, r.body());
    }

    /** Declares a study complete, as the gateway does; returns the HTTP status. */
    int complete(String studyInstanceUid, int instances, String hospitalId) throws IOException, InterruptedException {
        String json = "{\"instances\":" + instances + ",\"hospitalId\":\"" + hospitalId + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(centre + "/api/gateway/studies/" + studyInstanceUid + "/complete"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    record Answer(int status, String body) {
    }

    /** A JSON GET with the given token. */
    Answer getJson(String path, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(centre + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** The status of a GET with this gateway's or another token, e.g. to see whether an endpoint exists. */
    int get(String path, String bearer, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(centre + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
