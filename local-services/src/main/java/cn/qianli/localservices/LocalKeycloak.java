package cn.qianli.localservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keycloak (the Maven Central distribution) as a child process on loopback ports, with realm
 * {@value #REALM} imported from {@code keycloak/qianli-realm.json}. Client secrets, the bootstrap
 * admin and a realm signing key are made up for each start.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String REALM = "qianli";
    /** The audience every access token of the realm carries: the centre, the resource server. */
    public static final String AUDIENCE = "qianli-centre";
    /** Public client, code flow with PKCE S256: the browser workstation. */
    public static final String VIEWER_CLIENT = "qianli-viewer";
    /** Public client with direct access grants (password grant): scripts and tests, demo only. */
    public static final String DEMO_CLIENT = "qianli-demo";
    /** Confidential clients (client credentials) whose secrets the realm file takes from the environment. */
    public static final List<String> CONFIDENTIAL_CLIENTS = List.of("gateway-h001", "gateway-h002", "ai-assist");

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ChildProcess process;
    private final Path instance;
    private final int port;
    private final int managementPort;
    private final String adminUsername;
    private final String adminPassword;
    private final Map<String, String> clientSecrets;
    private final RealmSigningKey signingKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String signingKeyId;

    private LocalKeycloak(ChildProcess process, Path instance, int port, int managementPort, String adminUsername,
            String adminPassword, Map<String, String> clientSecrets, RealmSigningKey signingKey) {
        this.process = process;
        this.instance = instance;
        this.port = port;
        this.managementPort = managementPort;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.clientSecrets = clientSecrets;
        this.signingKey = signingKey;
    }

    /** Starts Keycloak on free ports; 20-60 s, plus a one-time build of the distribution. */
    public static LocalKeycloak start() throws IOException {
        return start(0);
    }

    /** Starts Keycloak on {@code preferredPort} when it is free (0: any free port). */
    public static LocalKeycloak start(int preferredPort) throws IOException {
        Path built = KeycloakDistribution.builtHome();
        int port = Ports.preferredOrFree(preferredPort);
        int managementPort;
        do {
            managementPort = Ports.anyFree();
        } while (managementPort == port);
        Path instance = KeycloakDistribution.instanceHome(built, Files.createTempDirectory("qianli-keycloak-"));

        Map<String, String> secrets = new LinkedHashMap<>();
        CONFIDENTIAL_CLIENTS.forEach(client -> secrets.put(client, Secrets.random(24)));
        RealmSigningKey signingKey = RealmSigningKey.generate();
        ObjectNode realm = realmRepresentation();
        signingKey.addTo(realm);
        JSON.writeValue(instance.resolve("data/import/qianli-realm.json").toFile(), realm);

        String adminUsername = "admin-" + Secrets.random(4).toLowerCase(Locale.ROOT);
        String adminPassword = Secrets.random(18);
        Map<String, String> environment = KeycloakDistribution.cleanEnvironment(new LinkedHashMap<>(System.getenv()));
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        secrets.forEach((client, secret) -> environment.put(secretVariable(client), secret));

        List<String> command = List.of(instance.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname=http://127.0.0.1:" + port, "--http-management-port=" + managementPort,
                "--cache=local", "--import-realm");
        ChildProcess process = ChildProcess.start("Keycloak", command, environment, instance,
                instance.resolve("keycloak.log"));
        LocalKeycloak keycloak = new LocalKeycloak(process, instance, port, managementPort, adminUsername,
                adminPassword, Map.copyOf(secrets), signingKey);
        try {
            process.awaitReady(READY_TIMEOUT, keycloak::ready);
        } catch (IOException | RuntimeException e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    /** The realm file as shipped in this jar (copied from {@code keycloak/qianli-realm.json}). */
    static ObjectNode realmRepresentation() {
        try (InputStream in = LocalKeycloak.class.getResourceAsStream("/keycloak/qianli-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("keycloak/qianli-realm.json missing from the local-services jar");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable the realm file reads a client's secret from, e.g. {@code QIANLI_CLIENT_SECRET_GATEWAY_H001}. */
    public static String secretVariable(String clientId) {
        return "QIANLI_CLIENT_SECRET_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/realms/qianli}: what tokens carry as {@code iss}. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The bootstrap admin of the master realm, random per start. */
    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The secret of a confidential client ({@link #CONFIDENTIAL_CLIENTS}), random per start. */
    public String clientSecret(String clientId) {
        String secret = clientSecrets.get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException(clientId + " is not a confidential client of the realm; one of "
                    + CONFIDENTIAL_CLIENTS);
        }
        return secret;
    }

    /** Password grant through {@value #DEMO_CLIENT}; returns the access token. */
    public String passwordGrant(String username, String password) {
        return accessToken(Map.of("grant_type", "password", "client_id", DEMO_CLIENT,
                "username", username, "password", password, "scope", "openid"));
    }

    /** Client credentials grant for a confidential client with its secret; returns the access token. */
    public String clientCredentials(String clientId) {
        return accessToken(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret(clientId)));
    }

    private String accessToken(Map<String, String> form) {
        HttpResponse<String> response = post(tokenEndpoint(), form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request refused: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /**
     * Lets the browser workstation at {@code origin} (e.g. {@code http://127.0.0.1:54321}) log in:
     * adds {@code origin/*} to {@value #VIEWER_CLIENT}'s redirect URIs and the origin to its web origins.
     */
    public void allowViewerOrigin(String origin) {
        String admin = adminToken();
        String clients = url() + "/admin/realms/" + REALM + "/clients";
        HttpResponse<String> found = send(HttpRequest.newBuilder(
                URI.create(clients + "?clientId=" + VIEWER_CLIENT)).header("Authorization", "Bearer " + admin).GET());
        JsonNode viewer = JSON.readTree(found.body()).path(0);
        if (!(viewer instanceof ObjectNode client)) {
            throw new IllegalStateException(VIEWER_CLIENT + " not found: HTTP " + found.statusCode());
        }
        ((ArrayNode) client.get("redirectUris")).add(origin + "/*");
        ((ArrayNode) client.get("webOrigins")).add(origin);
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        String logout = attributes.path("post.logout.redirect.uris").asString("");
        attributes.put("post.logout.redirect.uris", logout.isEmpty() ? origin + "/*" : logout + "##" + origin + "/*");
        HttpResponse<String> updated = send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asString()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))));
        if (updated.statusCode() != 204) {
            throw new IllegalStateException("cannot update " + VIEWER_CLIENT + ": HTTP " + updated.statusCode()
                    + " " + updated.body());
        }
    }

    /**
     * An access token of the bootstrap admin from the {@code master} realm: signed by the same
     * server but another realm's key and issuer, so the centre must refuse it.
     */
    public String adminToken() {
        HttpResponse<String> response = post(url() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", adminUsername,
                        "password", adminPassword));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin login refused: HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /**
     * The same token with its claims edited, signed again with the realm's own key (published in its
     * JWKS): for tokens Keycloak would not issue on demand, such as an expired one.
     */
    public String reissue(String accessToken, Consumer<ObjectNode> editClaims) {
        ObjectNode claims = RealmSigningKey.claimsOf(JSON, accessToken);
        editClaims.accept(claims);
        return signingKey.sign(JSON, signingKeyId(), claims);
    }

    /** The same token, issued 10 minutes ago and expired 5 minutes ago (beyond any usual clock skew). */
    public String expired(String accessToken) {
        long now = Instant.now().getEpochSecond();
        return reissue(accessToken, claims -> {
            claims.put("iat", now - 600);
            claims.put("exp", now - 300);
        });
    }

    private String signingKeyId() {
        if (signingKeyId == null) {
            HttpResponse<String> jwks = send(HttpRequest.newBuilder(URI.create(jwksUri())).GET());
            signingKeyId = signingKey.keyIdIn(JSON.readTree(jwks.body()));
        }
        return signingKeyId;
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The Keycloak server process (kc.sh); its java is a child of it. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
        Folders.deleteTree(instance);
    }
}
