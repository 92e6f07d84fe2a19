package cn.qianli.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real third-party STOW-RS server for tests: Debian's Orthanc with its DICOMweb plugin, run from
 * its own JSON config in a temporary directory on free ports (never the system service).
 */
public final class OrthancPeer implements AutoCloseable {

    private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    private static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    private Process process;
    private final int httpPort;
    private Path configFile;
    private Path logFile;
    private final HttpClient http = HttpClient.newHttpClient();

    private OrthancPeer(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    public static OrthancPeer start(Path directory) throws Exception {
        assumeTrue(Files.isExecutable(ORTHANC) && Files.exists(PLUGIN), "skipped: Orthanc with DICOMweb not installed");
        int http = freePort();
        int dicom = freePort();
        Path storage = Files.createDirectories(directory.resolve("orthanc-db"));
        Path config = directory.resolve("orthanc.json");
        Files.writeString(config, """
                {"Name": "QIANLI_TEST", "StorageDirectory": "%s", "IndexDirectory": "%s",
                 "HttpPort": %d, "DicomPort": %d, "RemoteAccessAllowed": false,
                 "AuthenticationEnabled": false, "Plugins": ["%s"],
                 "DicomWeb": {"Enable": true, "Root": "/dicom-web/"}}
                """.formatted(storage, storage, http, dicom, PLUGIN));
        Process process = new ProcessBuilder(ORTHANC.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("orthanc.log").toFile()).start();
        OrthancPeer peer = new OrthancPeer(process, http);
        peer.configFile = config;
        peer.logFile = directory.resolve("orthanc.log");
        peer.awaitUp();
        return peer;
    }

    /** Stops Orthanc (the centre is down); {@link #restart()} brings it back with the same storage. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public void restart() throws Exception {
        process = new ProcessBuilder(ORTHANC.toString(), configFile.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        awaitUp();
    }

    private void awaitUp() throws Exception {
        OrthancPeer peer = this;
        for (int i = 0; i < 200; i++) {
            try {
                if (peer.get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("Orthanc did not start; see " + logFile);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    public int port() {
        return httpPort;
    }

    /** SOP Instance UID to the stored file's bytes, for every instance Orthanc holds. */
    public Map<String, byte[]> instances() throws Exception {
        String ids = get("/instances").body();
        Map<String, byte[]> result = new HashMap<>();
        Matcher m = Pattern.compile("\"([0-9a-f-]{44})\"").matcher(ids);
        while (m.find()) {
            String id = m.group(1);
            String tags = get("/instances/" + id + "/simplified-tags").body();
            Matcher sop = Pattern.compile("\"SOPInstanceUID\"\\s*:\\s*\"([^\"]+)\"").matcher(tags);
            if (!sop.find()) {
                throw new IllegalStateException("no SOPInstanceUID for " + id);
            }
            byte[] bytes = http.send(HttpRequest.newBuilder(baseUri().resolve("/instances/" + id + "/file")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            if (result.put(sop.group(1), bytes) != null) {
                throw new IllegalStateException("Orthanc holds " + sop.group(1) + " twice");
            }
        }
        return result;
    }

    /** How many instances Orthanc holds. */
    public int instanceCount() throws Exception {
        String stats = get("/statistics").body();
        Matcher m = Pattern.compile("\"CountInstances\"\\s*:\\s*(\\d+)").matcher(stats);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        http.close();
    }
}
