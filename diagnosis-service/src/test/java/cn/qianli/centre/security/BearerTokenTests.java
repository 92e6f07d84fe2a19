package cn.qianli.centre.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Which tokens the centre accepts, against the real realm. */
class BearerTokenTests extends CentreTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
    }

    @Test
    void acceptsATokenOfTheRealmForThisAudience() {
        assertThat(http.get("/api/audit?limit=1", Tokens.user("auditor1")).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsATokenWithoutTheCentreAudience() {
        String token = Tokens.keycloak().reissue(Tokens.user("auditor1"), claims -> claims.put("aud", "account"));
        assertUnauthenticated(http.get("/api/audit", token));
    }

    @Test
    void rejectsAnExpiredToken() {
        assertUnauthenticated(http.get("/api/audit", Tokens.keycloak().expired(Tokens.user("auditor1"))));
    }

    @Test
    void rejectsATamperedToken() {
        String token = Tokens.user("clinic1");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"clinic\"", "\"auditor\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes()) + "." + parts[2];
        assertUnauthenticated(http.get("/api/audit", forged));
    }

    @Test
    void rejectsATokenSignedByAnotherKey() throws Exception {
        // the realm's header (its key id) and claims, untouched, signed with a key the realm never had
        String token = Tokens.user("auditor1");
        String signed = token.substring(0, token.lastIndexOf('.'));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(generator.generateKeyPair().getPrivate());
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        String forged = signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        assertThat(http.get("/api/audit?limit=1", token).statusCode()).isEqualTo(200);
        assertUnauthenticated(http.get("/api/audit?limit=1", forged));
    }

    @Test
    void rejectsATokenFromAnotherIssuer() {
        String token = Tokens.keycloak().reissue(Tokens.user("auditor1"),
                claims -> claims.put("iss", "http://127.0.0.1:1/realms/other"));
        assertUnauthenticated(http.get("/api/audit", token));
    }

    @Test
    void allowsTheViewerOriginOnly() {
        HttpResponse<String> allowed = http.send(http.request("/dicom-web/studies", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

        HttpResponse<String> refused = http.send(http.request("/dicom-web/studies", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "GET"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
