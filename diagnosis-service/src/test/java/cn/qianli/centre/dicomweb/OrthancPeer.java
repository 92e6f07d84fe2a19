package cn.qianli.centre.dicomweb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.centre.CentreTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Orthanc with its DICOMweb plugin as a child process on free loopback ports, its own
 * configuration and storage in a temporary folder, and the centre declared as remote DICOMweb
 * servers (one per bearer token). Closing it stops the process and removes the folder.
 */
public final class OrthancPeer implements AutoCloseable {

    static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path home;
    private final int httpPort;
    private final Process process;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private OrthancPeer(Path home, int httpPort, Process process) {
        this.home = home;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts Orthanc with a remote server per entry: name to bearer token, all at {@code dicomWebUrl}. */
    public static OrthancPeer start(String dicomWebUrl, Map<String, String> bearerTokens) throws Exception {
        String executable = Files.isExecutable(Path.of("/usr/sbin/Orthanc")) ? "/usr/sbin/Orthanc" : "Orthanc";
        assumeTrue(Files.isRegularFile(PLUGIN), "skipped: no Orthanc DICOMweb plugin");
        Path home = Files.createTempDirectory("qianli-orthanc");
        int httpPort = freePort();
        String servers = bearerTokens.entrySet().stream()
                .map(e -> "\"%s\": {\"Url\": \"%s\", \"HttpHeaders\": {\"Authorization\": \"Bearer %s\"}}"
                        .formatted(e.getKey(), dicomWebUrl, e.getValue()))
                .collect(Collectors.joining(",\n"));
        Files.writeString(home.resolve("orthanc.json"), """
                {
                  "Name": "interop",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "DicomAet": "ORTHANC",
                  "DicomPort": %d,
                  "HttpPort": %d,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "UnknownSopClassAccepted": true,
                  "Plugins": [ "%s" ],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "Servers": { %s } }
                }
                """.formatted(home.resolve("storage"), home.resolve("storage"), freePort(), httpPort, PLUGIN, servers));
        Process process;
        try {
            process = new ProcessBuilder(List.of(executable, home.resolve("orthanc.json").toString()))
                    .redirectErrorStream(true).redirectOutput(home.resolve("orthanc.log").toFile()).start();
        } catch (IOException e) {
            CentreTest.deleteTree(home);
            assumeTrue(false, "skipped: no Orthanc");
            throw e;
        }
        OrthancPeer peer = new OrthancPeer(home, httpPort, process);
        try {
            peer.awaitReady();
        } catch (Exception e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc ended while starting: " + log());
            }
            try {
                if (send(HttpRequest.newBuilder(uri("/system")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("Orthanc not ready after 30 s: " + log());
    }

    public String log() {
        try {
            return Files.readString(home.resolve("orthanc.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8) + "\n" + log());
        }
        return JSON.readTree(response.body());
    }

    /** GET on Orthanc's REST API, answer as JSON. */
    public JsonNode get(String path) {
        return json(send(HttpRequest.newBuilder(uri(path)).GET()), "GET " + path);
    }

    /** GET on Orthanc's REST API, raw answer. */
    public byte[] bytes(String path) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + "\n" + log());
        }
        return response.body();
    }

    /** POST of a JSON body on Orthanc's REST API, answer as JSON. */
    public JsonNode post(String path, Object body) {
        return json(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))), "POST " + path);
    }

    /** Orthanc's resources with this DICOM identifier ({@code POST /tools/lookup}). */
    public JsonNode lookup(String uid) {
        return json(send(HttpRequest.newBuilder(uri("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(uid))), "POST /tools/lookup");
    }

    /** Uploads one DICOM file through {@code POST /instances}; answers Orthanc's description of it. */
    public JsonNode upload(Path file) throws IOException {
        return json(send(HttpRequest.newBuilder(uri("/instances")).header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(file))), "POST /instances");
    }

    public void delete(String path) {
        json(send(HttpRequest.newBuilder(uri(path)).DELETE()), "DELETE " + path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CentreTest.deleteTree(home);
        }
    }
}
