package cn.qianli.e2e;

import cn.qianli.localservices.LocalKeycloak;
import cn.qianli.localservices.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * diagnosis-service as its own process ({@code java -jar}), on a free loopback port, with the
 * given environment; ready when its readiness probe says so. {@link #close()} stops it and
 * everything it started.
 */
final class Centre implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final Process process;
    private final int port;

    private Centre(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The environment of a centre on real peers: its embedded PostgreSQL under {@code dataDir},
     * tokens from {@code keycloak}'s realm, objects in {@code s3}. Callers add their own settings.
     */
    static Map<String, String> environment(Path dataDir, LocalKeycloak keycloak, LocalS3 s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QIANLI_DATA_DIR", dataDir.toString());
        env.put("QIANLI_OIDC_ISSUER", keycloak.issuer());
        env.put("QIANLI_STORAGE", "s3");
        env.put("QIANLI_S3_ENDPOINT", s3.endpoint());
        env.put("QIANLI_S3_ACCESS_KEY", s3.accessKey());
        env.put("QIANLI_S3_SECRET_KEY", s3.secretKey());
        env.put("QIANLI_S3_BUCKET", s3.bucket());
        return env;
    }

    /** Deletes a test's work folder and everything in it; nothing when it is null. */
    static void deleteTree(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Centre start(Path jar, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        return start(jar, environment, log, freePort());
    }

    /** On the given port, e.g. to bring a stopped centre back where its gateways expect it. */
    static Centre start(Path jar, Map<String, String> environment, Path log, int port)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx1g", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        Centre centre = new Centre(builder.start(), port);
        try {
            Health.await(centre.process, centre.url() + "/actuator/health/readiness", STARTUP, "the centre", log);
        } catch (InterruptedException | RuntimeException e) {
            centre.close();
            throw e;
        }
        return centre;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
