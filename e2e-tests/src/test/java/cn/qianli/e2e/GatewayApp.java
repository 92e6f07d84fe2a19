package cn.qianli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * pacs-gateway as its own process ({@code java -jar}), with its spool in a directory that
 * outlives the process: {@link #kill()} is {@code kill -9}, and {@link #start()} brings it back on
 * the same ports and spool.
 */
final class GatewayApp implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final Path jar;
    private final Path spool;
    private final Path log;
    private final Map<String, String> properties;
    private final int httpPort = Centre.freePort();
    private final int dicomPort = Centre.freePort();
    private Process process;

    /**
     * A gateway of hospital H001 in front of {@code centreUrl}, with H001's client credentials
     * from {@code tokenEndpoint}; {@code extra} properties override the defaults chosen here for
     * tests (short back-off, a 5 s quiet time before a study is declared complete).
     */
    GatewayApp(Path jar, Path spool, Path log, String centreUrl, String tokenEndpoint, String clientSecret,
            Map<String, String> extra) {
        this.jar = jar;
        this.spool = spool;
        this.log = log;
        Map<String, String> p = new TreeMap<>();
        p.put("server.port", Integer.toString(httpPort));
        p.put("qianli.gateway.dicom.port", Integer.toString(dicomPort));
        p.put("qianli.gateway.dicom.modalities", "CT01,DR01");
        p.put("qianli.gateway.spool.directory", spool.toString());
        p.put("qianli.gateway.spool.free-space-reserve", "0B");
        p.put("qianli.gateway.centre.url", centreUrl);
        p.put("qianli.gateway.centre.hospital-id", "H001");
        p.put("qianli.gateway.centre.retry-base", "200ms");
        p.put("qianli.gateway.centre.retry-max", "5s");
        p.put("qianli.gateway.centre.request-timeout", "60s");
        p.put("qianli.gateway.token.endpoint", tokenEndpoint);
        p.put("qianli.gateway.token.client-id", "gateway-h001");
        p.put("qianli.gateway.token.client-secret", clientSecret);
        p.put("qianli.gateway.study.quiet-time", "5s");
        p.put("qianli.gateway.study.check-interval", "1s");
        p.putAll(extra);
        this.properties = p;
    }

    int dicomPort() {
        return dicomPort;
    }

    /** Starts the process; returns once its health endpoint answers. */
    GatewayApp start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString()));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            Health.await(process, "http://127.0.0.1:" + httpPort + "/actuator/health", STARTUP, "the gateway", log);
        } catch (InterruptedException | RuntimeException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** kill -9, and wait until the process is gone. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Instances still waiting in the spool's queue. */
    long queued() throws IOException {
        Path queue = spool.resolve("queue");
        if (!Files.isDirectory(queue)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.count();
        }
    }

    /** Waits until the queue is empty; false if it is not within {@code timeout}. */
    boolean awaitDrained(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (queued() == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
