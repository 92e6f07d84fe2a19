package cn.qianli.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The whole gateway application in a child JVM, so tests can kill -9 it. */
public final class GatewayProcess implements AutoCloseable {

    private final ChildJvm jvm;
    public final int httpPort;
    public final int dicomPort;

    private GatewayProcess(ChildJvm jvm, int httpPort, int dicomPort) {
        this.jvm = jvm;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    /**
     * Starts the gateway with a spool in {@code spool} and the given extra properties
     * ({@code qianli.gateway.centre.url} etc.); returns once /actuator/health answers.
     */
    public static GatewayProcess start(Path spool, Path log, int dicomPort, Map<String, String> properties)
            throws Exception {
        int http = OrthancPeer.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + http,
                "--qianli.gateway.dicom.port=" + dicomPort,
                "--qianli.gateway.spool.directory=" + spool,
                "--qianli.gateway.spool.free-space-reserve=0B",
                "--qianli.gateway.centre.gzip=false",
                "--qianli.gateway.centre.retry-base=100ms",
                "--qianli.gateway.centre.retry-max=1s"));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        ChildJvm jvm = ChildJvm.start(GatewayApplication.class, log, args.toArray(String[]::new));
        GatewayProcess gateway = new GatewayProcess(jvm, http, dicomPort);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return gateway;
                }
            } catch (java.io.IOException e) {
                if (!jvm.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        jvm.kill();
        throw new IllegalStateException("gateway did not start:\n" + Files.readString(log));
    }

    /** Waits until the spool's queue directory is empty (hang guard). */
    public static boolean awaitQueueEmpty(Path spool, int seconds) throws Exception {
        Path queue = spool.resolve("queue");
        for (int i = 0; i < seconds * 10; i++) {
            try (var files = Files.list(queue)) {
                if (files.findAny().isEmpty()) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    public String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** How many instances this process has spooled, as its log says so far. */
    public int spooledCount() {
        return (int) jvm.output().stream().filter(l -> l.contains(">> C-STORE from") && l.endsWith("spooled")).count();
    }

    public void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.kill();
    }
}
