package cn.qianli.bench;

import cn.qianli.localservices.LocalKeycloak;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
        Path home = ServerHomes.fresh(work, "centre");
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
        Path log = home.resolve("centre.log");
        Map<String, String> environment = new HashMap<>(Map.of(
                "PORT", Integer.toString(httpPort),
                "QIANLI_DATA_DIR", home.toAbsolutePath().toString(),
                "QIANLI_STORAGE", "filesystem",
                "QIANLI_OIDC_ISSUER", keycloak.issuer(),
                "LOGGING_LEVEL_CN_QIANLI_CENTRE_DATABASE", "INFO"));
        // e.g. -XX:StartFlightRecording=filename=centre.jfr,settings=profile to profile the centre
        String options = System.getenv("QIANLI_BENCH_CENTRE_JVM_OPTIONS");
        if (options != null && !options.isBlank()) {
            environment.put("JDK_JAVA_OPTIONS", options);
        }
        process = ChildProcesses.startJar(jar, environment, log);
        ChildProcesses.awaitHealthy(process, URI.create(url() + "/actuator/health"), 180, "diagnosis-service", log);
    }

    /** CPU time of the centre's JVM so far (its PostgreSQL runs as processes of its own). */
    Duration cpu() {
        return CpuTime.of(process.toHandle());
    }

    /** CPU time of the centre JVM's JIT compiler threads so far. */
    Duration compilerCpu() {
        return CpuTime.compilerThreads(process.toHandle());
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
        ChildProcesses.stop(process, 20);
        process = null;
        keycloak.close();
    }
}
