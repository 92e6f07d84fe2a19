package cn.qianli.bench;

import cn.qianli.localservices.LocalKeycloak;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diagnosis-service application as it runs at the centre: its own JVM from its jar, configured
 * through the environment (embedded PostgreSQL and object files under the work folder), trusting
 * a Keycloak started for the run with the project's realm.
 */
final class CentreProcess implements AutoCloseable {

    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL started on port (\\d+)");

    private final Path home;
    private final LocalKeycloak keycloak;
    private final int httpPort;
    private Process process;

    private CentreProcess(Path home, LocalKeycloak keycloak, int httpPort) {
        this.home = home;
        this.keycloak = keycloak;
        this.httpPort = httpPort;
    }

    static CentreProcess start(Path root, Path work) throws Exception {
        Path home = work.resolve("centre");
        Corpus.deleteTree(home);
        Files.createDirectories(home);
        LocalKeycloak keycloak = LocalKeycloak.start();
        CentreProcess centre = new CentreProcess(home, keycloak, Ports.free());
        try {
            centre.launch(jar(root));
        } catch (Exception e) {
            centre.close();
            throw e;
        }
        return centre;
    }

    static Path jar(Path root) throws IOException {
        Path target = root.resolve("diagnosis-service").resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("diagnosis-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no diagnosis-service jar in " + target + ": build it first"));
        }
    }

    private void launch(Path jar) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-jar", jar.toString()));
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(httpPort));
        env.put("QIANLI_DATA_DIR", home.toAbsolutePath().toString());
        env.put("QIANLI_STORAGE", "filesystem");
        env.put("QIANLI_OIDC_ISSUER", keycloak.issuer());
        env.put("LOGGING_LEVEL_CN_QIANLI_CENTRE_DATABASE", "INFO");
        builder.redirectErrorStream(true).redirectOutput(home.resolve("centre.log").toFile());
        process = builder.start();
        URI health = URI.create(url() + "/actuator/health");
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 1800; i++) {
                if (!process.isAlive()) {
                    throw new IOException("diagnosis-service ended while starting; see " + home.resolve("centre.log"));
                }
                try {
                    if (client.send(HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("diagnosis-service not healthy after 180 s; see " + home.resolve("centre.log"));
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A client-credentials token of a confidential client (gateway-h001, ...). */
    String clientToken(String clientId) {
        return keycloak.clientCredentials(clientId);
    }

    /** A token of a realm user (radiologist1, ...; the password is the user name). */
    String userToken(String user) {
        return keycloak.passwordGrant(user, user);
    }

    /** JDBC URL of the embedded PostgreSQL for its owner (user postgres), read from the service's log. */
    String ownerJdbcUrl() throws IOException {
        Matcher m = EMBEDDED_PORT.matcher(Files.readString(home.resolve("centre.log")));
        if (!m.find()) {
            throw new IOException("no embedded PostgreSQL port in " + home.resolve("centre.log"));
        }
        return "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/postgres";
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        keycloak.close();
    }
}
