package cn.qianli.centre.dicomweb;

import cn.qianli.centre.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds and sends STOW-RS requests the way a gateway does. */
public final class Stow {

    public static final String BOUNDARY = "qianli-test-boundary";
    public static final String CONTENT_TYPE = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The answer: HTTP status and the response data set (or problem) as JSON. */
    public record Answer(int status, String contentType, JsonNode body) {

        /** Values of FailureReason in FailedSOPSequence, in order. */
        public List<Integer> failureReasons() {
            List<Integer> reasons = new ArrayList<>();
            body.path("00081198").path("Value").forEach(item -> reasons.add(item.path("00081197").path("Value").path(0).asInt()));
            return reasons;
        }

        /** ReferencedSOPInstanceUIDs in ReferencedSOPSequence, in order. */
        public List<String> referenced() {
            List<String> uids = new ArrayList<>();
            body.path("00081199").path("Value").forEach(item -> uids.add(item.path("00081155").path("Value").path(0).asString()));
            return uids;
        }

        public String problemCode() {
            return body.path("code").asString();
        }
    }

    private Stow() {
    }

    public static byte[] body(List<byte[]> dicomParts) {
        List<String> types = new ArrayList<>();
        dicomParts.forEach(p -> types.add("application/dicom"));
        return body(dicomParts, types);
    }

    public static byte[] body(List<byte[]> parts, List<String> types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: " + types.get(i) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(parts.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer files(Http http, String token, List<Path> files) {
        return send(http, "/dicom-web/studies", token, CONTENT_TYPE, body(files.stream().map(Stow::read).toList()));
    }

    public static Answer send(Http http, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = http.request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/dicom+json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    public static Answer answer(HttpResponse<String> response) {
        JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
    }
}
