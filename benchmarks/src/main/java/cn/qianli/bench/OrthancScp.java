package cn.qianli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orthanc (Debian's build) as a reference: a child process with its own configuration, storage
 * and index in the work folder, started fresh for every run. With {@code dicomWeb} it loads the
 * DICOMweb plugin, so it also serves as a STOW-RS reference at {@link #httpPort()}.
 */
final class OrthancScp implements StoreTarget {

    private static final Pattern COUNT = Pattern.compile("\"CountInstances\"\\s*:\\s*(\\d+)");

    private final Path work;
    private final boolean dicomWeb;
    private final int dicomPort;
    private final int httpPort;
    private Process process;

    OrthancScp(Path work, boolean dicomWeb) throws Exception {
        this.work = work;
        this.dicomWeb = dicomWeb;
        this.dicomPort = Ports.free();
        this.httpPort = Ports.free();
        start();
    }

    private void start() throws IOException, InterruptedException {
        Path home = ServerHomes.fresh(work, "orthanc");
        Files.createDirectories(home.resolve("storage"));
        String plugins = dicomWeb ? "\"/usr/share/orthanc/plugins/libOrthancDicomWeb.so\"" : "";
        Files.writeString(home.resolve("orthanc.json"), """
                {
                  "Name": "bench",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "DicomAet": "ORTHANC",
                  "DicomPort": %d,
                  "HttpPort": %d,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "DicomCheckCalledAet": false,
                  "UnknownSopClassAccepted": true,
                  "StorageCompression": false,
                  "SyncStorageArea": true,
                  "ConcurrentJobs": 2,
                  "Plugins": [ %s ],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" }
                }
                """.formatted(home.resolve("storage"), home.resolve("storage"), dicomPort, httpPort, plugins));
        ProcessBuilder builder = new ProcessBuilder(List.of("Orthanc", home.resolve("orthanc.json").toString()));
        builder.environment().put("TCP_NODELAY", "1");
        builder.redirectErrorStream(true).redirectOutput(home.resolve("orthanc.log").toFile());
        process = builder.start();
        Ports.awaitListening(httpPort, process);
        Ports.awaitListening(dicomPort, process);
    }

    /** CPU time of the running Orthanc so far (its SQLite index runs inside it). */
    Duration cpu() {
        return CpuTime.of(process.toHandle());
    }

    private void stop() {
        ChildProcesses.stop(process, 10);
        process = null;
    }

    @Override
    public String name() {
        return "Orthanc 1.10";
    }

    @Override
    public String aeTitle() {
        return "ORTHANC";
    }

    @Override
    public int port() {
        return dicomPort;
    }

    int httpPort() {
        return httpPort;
    }

    @Override
    public void reset() throws Exception {
        stop();
        start();
    }

    @Override
    public long received() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/statistics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = COUNT.matcher(body);
            if (!m.find()) {
                throw new IOException("Orthanc /statistics without CountInstances: " + body);
            }
            return Long.parseLong(m.group(1));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
