package cn.qianli.gateway.forward;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** JSON calls to the centre's gateway API ({@code /api/gateway/...}) with this gateway's token. */
public final class CentreApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CentreProperties centre;
    private final BearerTokens tokens;
    private final HttpClient http;

    public CentreApi(CentreProperties centre, BearerTokens tokens) {
        this.centre = centre;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(centre.connectTimeout()).build();
    }

    public String hospitalId() {
        return centre.hospitalId();
    }

    /** POSTs {@code body} as JSON to {@code path} under the centre's URL; returns the HTTP status. */
    public int post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(centre.url().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        Optional<String> token = tokens.current();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 401) {
            tokens.invalidate();
        }
        return status;
    }
}
