package cn.qianli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Orthanc with its DICOMweb plugin on a free loopback port, its own configuration and
 * storage: a second, independent DICOMweb server for the viewer to read images from.
 */
final class Orthanc implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    private final Process process;
    private final int port;
    // HTTP/1.1 only: Orthanc's server does not answer a request that offers an h2c upgrade
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Orthanc(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isRegularFile(PLUGIN);
    }

    static Orthanc start(Path dir, Path log) throws IOException, InterruptedException {
        int port = freePort();
        Path config = dir.resolve("orthanc.json");
        Files.createDirectories(dir.resolve("storage"));
        Files.writeString(config, """
                {
                  "Name": "qianli-e2e",
                  "HttpPort": %d,
                  "DicomServerEnabled": false,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "Plugins": ["%s"],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "StudiesMetadata": "Full", "SeriesMetadata": "Full" }
                }
                """.formatted(port, dir.resolve("storage"), dir.resolve("storage"), PLUGIN));
        Process process = new ProcessBuilder(List.of(BINARY.toString(), config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Orthanc orthanc = new Orthanc(process, port);
        try {
            orthanc.awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            orthanc.close();
            throw e;
        }
        return orthanc;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String dicomWeb() {
        return url() + "/dicom-web";
    }

    /** Stores one Part 10 file through Orthanc's REST API; true when it was stored. */
    boolean store(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/instances"))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/system")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Orthanc was not ready within a minute; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
