package cn.qianli.gateway.forward;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens by the OAuth2 client credentials grant (RFC 6749 4.4, client_secret_basic),
 * cached and fetched again {@code refreshBefore} their expiry or after the centre answered 401.
 */
public final class ClientCredentialsTokens implements BearerTokens {

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokens.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TokenProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    public ClientCredentialsTokens(TokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public synchronized Optional<String> current() throws IOException {
        if (token == null || !clock.instant().isBefore(expiresAt.minus(properties.refreshBefore()))) {
            fetch();
        }
        return Optional.of(token);
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException {
        String basic = Base64.getEncoder().encodeToString((form(properties.clientId()) + ":"
                + form(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.endpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a token", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered HTTP " + response.statusCode() + " for client "
                    + properties.clientId());
        }
        JsonNode body = JSON.readTree(response.body());
        String accessToken = body.path("access_token").asString("");
        if (accessToken.isEmpty()) {
            throw new IOException("token endpoint answered without access_token");
        }
        Instant now = clock.instant();
        token = accessToken;
        expiresAt = now.plusSeconds(body.path("expires_in").asLong(60));
        log.info("<< access token for {} valid until {}", properties.clientId(), expiresAt);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
