package cn.qianli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The pacs-gateway application as it runs in a clinic: its own JVM from its jar, configured
 * through the environment, fsync on. As a {@link StoreTarget} it forwards nowhere (the centre URL
 * is a closed port and retries are hours apart), so only C-STORE ingest into the spool is timed.
 */
final class GatewayProcess implements StoreTarget {

    private final Path jar;
    private final Path home;
    private final Map<String, String> environment;
    private final int dicomPort;
    private final int httpPort;
    private Process process;

    GatewayProcess(Path jar, Path home, Map<String, String> centre) throws Exception {
        this.jar = jar;
        this.home = home;
        this.dicomPort = Ports.free();
        this.httpPort = Ports.free();
        this.environment = new HashMap<>(centre);
        start();
    }

    /** A gateway whose centre never answers: for measuring ingest alone. */
    static GatewayProcess ingestOnly(Path root, Path work) throws Exception {
        return new GatewayProcess(jar(root), work.resolve("gateway"), Map.of(
                "QIANLI_GATEWAY_CENTRE_URL", "http://127.0.0.1:" + Ports.free(),
                "QIANLI_GATEWAY_CENTRE_RETRY_BASE", "1h",
                "QIANLI_GATEWAY_CENTRE_RETRY_MAX", "1h"));
    }

    static Path jar(Path root) throws IOException {
        Path target = root.resolve("pacs-gateway").resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("pacs-gateway-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no pacs-gateway jar in " + target + ": build it first"));
        }
    }

    private void start() throws IOException, InterruptedException {
        Corpus.deleteTree(home);
        Files.createDirectories(home);
        Map<String, String> env = new HashMap<>(environment);
        env.put("PORT", Integer.toString(httpPort));
        env.put("QIANLI_GATEWAY_DICOM_PORT", Integer.toString(dicomPort));
        env.put("QIANLI_GATEWAY_DICOM_BIND_ADDRESS", "127.0.0.1");
        env.put("QIANLI_GATEWAY_SPOOL_DIRECTORY", home.resolve("spool").toString());
        env.put("QIANLI_GATEWAY_SPOOL_FREE_SPACE_RESERVE", "200MB");
        env.put("LOGGING_LEVEL_CN_QIANLI", "WARN");
        Path log = home.resolve("gateway.log");
        process = ChildProcesses.startJar(jar, env, log);
        ChildProcesses.awaitHealthy(process, URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"), 120,
                "gateway", log);
        Ports.awaitListening(dicomPort, process);
    }

    @Override
    public String name() {
        return "Qianli gateway (fsync on)";
    }

    @Override
    public String aeTitle() {
        return "QIANLI_GW";
    }

    @Override
    public int port() {
        return dicomPort;
    }

    @Override
    public void reset() throws Exception {
        stop();
        start();
    }

    @Override
    public long received() throws IOException {
        Path queue = home.resolve("spool").resolve("queue");
        return Files.exists(queue) ? Corpus.countFiles(queue) : 0;
    }

    private void stop() {
        ChildProcesses.stop(process, 20);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
