package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.localservices.LocalKeycloak;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tokens from the project's real Keycloak (realm qianli, confidential client gateway-h001). */
class ClientCredentialsTokensTests {

    private static LocalKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        keycloak = LocalKeycloak.start();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static TokenProperties gateway(String secret) {
        return new TokenProperties(keycloak.tokenEndpoint(), "gateway-h001", secret, Duration.ofSeconds(30));
    }

    private static JsonNode claims(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void fetchesATokenCarryingTheGatewayRoleAndHospital() throws Exception {
        var tokens = new ClientCredentialsTokens(gateway(keycloak.clientSecret("gateway-h001")), Clock.systemUTC());
        JsonNode claims = claims(tokens.current().orElseThrow());
        assertThat(claims.path("hospital_id").asString()).isEqualTo("H001");
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"gateway\"");
    }

    @Test
    void reusesTheTokenUntilShortlyBeforeExpiryThenFetchesANewOne() throws Exception {
        StepClock clock = new StepClock();
        var tokens = new ClientCredentialsTokens(gateway(keycloak.clientSecret("gateway-h001")), clock);
        String first = tokens.current().orElseThrow();
        long lifetime = claims(first).path("exp").asLong() - claims(first).path("iat").asLong();
        clock.now = clock.now.plusSeconds(lifetime - 31 - 1);
        assertThat(tokens.current()).contains(first);
        clock.now = clock.now.plusSeconds(2);
        Thread.sleep(1100); // Keycloak's iat has a one-second grain: make the new token differ
        assertThat(tokens.current().orElseThrow()).isNotEqualTo(first);
    }

    @Test
    void fetchesAgainAfterInvalidate() throws Exception {
        var tokens = new ClientCredentialsTokens(gateway(keycloak.clientSecret("gateway-h001")), Clock.systemUTC());
        String first = tokens.current().orElseThrow();
        tokens.invalidate();
        Thread.sleep(1100);
        assertThat(tokens.current().orElseThrow()).isNotEqualTo(first);
    }

    @Test
    void forwardsWithTheGatewaysOwnTokenAndTheCentreSeesItsHospital() throws Exception {
        try (FakeCentre centre = new FakeCentre()) {
            java.util.Set<String> hospitals = java.util.concurrent.ConcurrentHashMap.newKeySet();
            centre.script = (n, uids, auth) -> {
                if (auth == null || !auth.startsWith("Bearer ")) {
                    return new FakeCentre.Reply(401, java.util.Map.of());
                }
                hospitals.add(claims(auth.substring(7)).path("hospital_id").asString());
                return FakeCentre.STORE_ALL.answer(n, uids, auth);
            };
            var spool = cn.qianli.gateway.spool.Spool.open(temp.resolve("spool"), 0,
                    new cn.qianli.gateway.spool.DicomCoreReader(), Clock.systemUTC());
            var sent = Samples.spool(spool, cn.qianli.dicom.synthetic.SyntheticCt.study("H001-0018", "测试^十八")
                    .size(32, 32).slices(4).writeTo(temp.resolve("ct")));
            for (var e : sent.entrySet()) {
                centre.register(e.getKey(), e.getValue());
            }
            var tokens = new ClientCredentialsTokens(gateway(keycloak.clientSecret("gateway-h001")), Clock.systemUTC());
            try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(centre.baseUri(), true), tokens,
                    Clock.systemUTC())) {
                forwarder.start();
                Samples.awaitDrained(spool, 60);
            }
            assertThat(centre.stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(hospitals).containsExactly("H001");
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path temp;

    @Test
    void failsClearlyWithAWrongSecret() {
        var tokens = new ClientCredentialsTokens(gateway("wrong"), Clock.systemUTC());
        assertThatThrownBy(tokens::current).isInstanceOf(IOException.class).hasMessageContaining("HTTP 401");
    }
}
