package cn.qianli.gateway.forward;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Optional;

/** Sends one STOW-RS request body and returns the centre's answer. */
final class StowClient {

    /** The centre's answer to one request. */
    record Answer(int status, StowResponse response, String body) {
        String snippet() {
            String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
    }

    private final HttpClient http;
    private final CentreProperties centre;
    private final BearerTokens tokens;
    private final Throttle throttle;

    /**
     * Whether the centre accepts a TCP connection now: a cheap check before a batch body is
     * built (and compressed) again for a centre that was unreachable at the last attempt.
     */
    boolean reachable() {
        java.net.URI uri = centre.stowUri();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), port),
                    (int) Math.min(Integer.MAX_VALUE, centre.connectTimeout().toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    StowClient(CentreProperties centre, BearerTokens tokens, Throttle throttle) {
        this.centre = centre;
        this.tokens = tokens;
        this.throttle = throttle;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(centre.connectTimeout())
                .build();
    }

    Answer send(StowBody body) throws IOException, InterruptedException {
        long length = body.wireBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(centre.stowUri())
                .timeout(centre.requestTimeout())
                .header("Content-Type", body.contentType())
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> {
                            try {
                                return throttle.wrap(Files.newInputStream(body.file()));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }), length));
        if (body.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        Optional<String> token = tokens.current();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), StowResponse.parse(response.body()), response.body());
    }

    void close() {
        http.close();
    }
}
