package cn.qianli.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** One Keycloak for the class, its own (not the shared one), so that closing it can be checked. */
class LocalKeycloakTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        keycloak = LocalKeycloak.start();
    }

    @AfterAll
    static void stopsItsWholeProcessTree() {
        if (keycloak == null) {
            return;
        }
        List<ProcessHandle> tree = ProcessTrees.of(keycloak.pid());
        assertThat(tree).hasSizeGreaterThan(1); // kc.sh and the java it runs
        keycloak.close();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static List<String> realmRoles(JsonNode claims) {
        return claims.path("realm_access").path("roles").valueStream().map(JsonNode::asString).toList();
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void passwordGrantForClinic1CarriesClinicRoleHospitalAndCentreAudience() {
        JsonNode claims = claims(keycloak.passwordGrant("clinic1", "clinic1"));
        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("preferred_username").asString()).isEqualTo("clinic1");
        assertThat(realmRoles(claims)).contains("clinic").doesNotContain("radiologist", "auditor", "gateway");
        assertThat(claims.path("hospital_id").asString()).isEqualTo("H001");
        assertThat(claims.path("aud").toString()).contains(LocalKeycloak.AUDIENCE);
    }

    @Test
    void eachDemoUserHasItsOwnRole() {
        assertThat(realmRoles(claims(keycloak.passwordGrant("radiologist1", "radiologist1")))).contains("radiologist");
        assertThat(realmRoles(claims(keycloak.passwordGrant("auditor1", "auditor1")))).contains("auditor");
        JsonNode clinic2 = claims(keycloak.passwordGrant("clinic2", "clinic2"));
        assertThat(realmRoles(clinic2)).contains("clinic");
        assertThat(clinic2.path("hospital_id").asString()).isEqualTo("H002");
    }

    @Test
    void clientCredentialsForGatewayH001CarriesGatewayRoleAndHospital() {
        JsonNode claims = claims(keycloak.clientCredentials("gateway-h001"));
        assertThat(realmRoles(claims)).contains("gateway").doesNotContain("clinic");
        assertThat(claims.path("hospital_id").asString()).isEqualTo("H001");
        assertThat(claims.path("azp").asString()).isEqualTo("gateway-h001");
        assertThat(claims.path("aud").toString()).contains(LocalKeycloak.AUDIENCE);
        assertThat(claims(keycloak.clientCredentials("gateway-h002")).path("hospital_id").asString()).isEqualTo("H002");
        assertThat(realmRoles(claims(keycloak.clientCredentials("ai-assist")))).contains("ai");
    }

    @Test
    void refusesAWrongClientSecret() throws Exception {
        HttpResponse<String> response = post(keycloak.tokenEndpoint(),
                "grant_type=client_credentials&client_id=gateway-h001&client_secret="
                        + URLEncoder.encode(keycloak.clientSecret("gateway-h002"), StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void adminTokenComesFromAnotherRealm() {
        JsonNode claims = claims(keycloak.adminToken());
        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.url() + "/realms/master");
        assertThat(claims.path("aud").toString()).doesNotContain(LocalKeycloak.AUDIENCE);
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> keycloak.passwordGrant("clinic1", "clinic2"))
                .hasMessageContaining("HTTP 400").hasMessageContaining("invalid_grant");
    }

    @Test
    void expiredCopyIsSignedByAKeyTheRealmPublishesAndHasExpired() throws Exception {
        String token = keycloak.passwordGrant("clinic1", "clinic1");
        String expired = keycloak.expired(token);

        JsonNode claims = claims(expired);
        assertThat(claims.path("exp").asLong()).isLessThan(Instant.now().getEpochSecond() - 120);
        assertThat(claims.path("hospital_id").asString()).isEqualTo("H001");
        assertThat(claims.path("jti").asString()).isEqualTo(claims(token).path("jti").asString());

        String[] parts = expired.split("\\.");
        String kid = JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("kid").asString();
        JsonNode jwks = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.jwksUri())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode key = jwks.path("keys").valueStream().filter(k -> kid.equals(k.path("kid").asString()))
                .findFirst().orElseThrow();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asString())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asString()))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void viewerLoginNeedsAnAllowedRedirectAndPkce() throws Exception {
        String origin = "http://127.0.0.1:" + Ports.anyFree();
        String authorize = keycloak.issuer() + "/protocol/openid-connect/auth?client_id=qianli-viewer"
                + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(origin + "/callback", StandardCharsets.UTF_8);
        String pkce = "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

        assertThat(get(authorize + pkce).statusCode()).isEqualTo(400);
        keycloak.allowViewerOrigin(origin);
        HttpResponse<String> login = get(authorize + pkce);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("kc-login");
        HttpResponse<String> withoutPkce = get(authorize);
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location").orElseThrow())
                .startsWith(origin + "/callback").contains("error=invalid_request");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
