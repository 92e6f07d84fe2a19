package cn.qianli.bench;

import cn.qianli.dicom.DicomInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * STOW-RS ingest and WADO-RS frame retrieval, the centre against Orthanc with its DICOMweb plugin,
 * both fed the same synthetic CT corpus in the same run by plain HTTP clients (1 and 4 at once).
 */
final class DicomWebBenchmark {

    static final int BATCH = 20;
    private static final String BOUNDARY = "qianli-bench-boundary";

    /**
     * A DICOMweb server under test: its base URL (ending in /dicom-web), a bearer token or null,
     * and the CPU time its own processes and its database's processes have spent so far.
     */
    record Server(String name, String base, String token, Supplier<Duration> cpu, Supplier<Duration> databaseCpu) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Per server and client count: instances/s stored; corpora[i] is stored with clients[i] clients. */
    String stow(List<Server> servers, List<Corpus> corpora, int[] clients) throws Exception {
        Table table = new Table("Server", "Corpus", "Clients", "Instances", "Seconds", "Instances/s", "MB/s",
                "CPU ms/instance: server", "its database", "the clients");
        for (Server server : servers) {
            for (int i = 0; i < clients.length; i++) {
                Corpus corpus = corpora.get(i);
                System.out.printf("STOW-RS %s, %d clients: started%n", server.name(), clients[i]);
                Duration serverCpu = server.cpu().get();
                Duration databaseCpu = server.databaseCpu().get();
                Duration clientCpu = CpuTime.of(ProcessHandle.current());
                long start = System.nanoTime();
                parallel(clients[i], corpus.files(), BATCH, batch -> store(server, batch));
                double seconds = (System.nanoTime() - start) / 1e9;
                int n = corpus.files().size();
                table.add(server.name(), corpus.name(), clients[i], n, fmt(seconds), fmt(n / seconds),
                        fmt(corpus.bytes() / 1e6 / seconds), perInstance(server.cpu().get().minus(serverCpu), n),
                        perInstance(server.databaseCpu().get().minus(databaseCpu), n),
                        perInstance(CpuTime.of(ProcessHandle.current()).minus(clientCpu), n));
                System.out.printf("STOW-RS %s, %d clients: %.1f instances/s%n", server.name(), clients[i],
                        corpus.files().size() / seconds);
            }
        }
        return table.toString();
    }

    /**
     * Stores {@code corpus} in each server with 4 clients, not measured: the first
     * {@code singles} instances one per request, the rest in batches of {@link #BATCH}.
     */
    void warmUpStow(List<Server> servers, Corpus corpus, int singles) throws Exception {
        List<Path> files = corpus.files();
        for (Server server : servers) {
            parallel(4, files.subList(0, singles), 1, one -> store(server, one));
            storeBatches(server, files.subList(singles, files.size()));
        }
    }

    /** Stores {@code files} in {@code server} in batches of {@link #BATCH} with 4 clients, not measured. */
    void storeBatches(Server server, List<Path> files) throws Exception {
        parallel(4, files, BATCH, batch -> store(server, batch));
    }

    /** Retrieves frame 1 of every instance of {@code corpus} from each server with 4 clients, not measured. */
    void warmUpFrames(List<Server> servers, Corpus corpus) throws Exception {
        List<String> paths = framePaths(corpus);
        for (Server server : servers) {
            parallel(4, paths, 1, one -> frame(server, one.get(0)));
        }
    }

    private static List<String> framePaths(Corpus corpus) throws Exception {
        List<String> paths = new ArrayList<>();
        for (Path file : corpus.files()) {
            var id = DicomInstance.readHeader(file).identity();
            paths.add("/studies/" + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid()
                    + "/instances/" + id.sopInstanceUid() + "/frames/1");
        }
        return paths;
    }

    /** Per server and client count: frames/s retrieved through WADO-RS of every instance of the corpus. */
    String frames(List<Server> servers, Corpus corpus, int[] clients) throws Exception {
        List<String> paths = framePaths(corpus);
        Table table = new Table("Server", "Corpus", "Clients", "Frames", "Seconds", "Frames/s");
        for (Server server : servers) {
            for (int n : clients) {
                long start = System.nanoTime();
                parallel(n, paths, 1, one -> frame(server, one.get(0)));
                double seconds = (System.nanoTime() - start) / 1e9;
                table.add(server.name(), corpus.name(), n, paths.size(), fmt(seconds), fmt(paths.size() / seconds));
                System.out.printf("WADO-RS frames %s, %d clients: %.1f frames/s%n", server.name(), n, paths.size() / seconds);
            }
        }
        return table.toString();
    }

    interface Work<T> {
        void run(List<T> batch) throws Exception;
    }

    /** Runs the work on batches of the items, {@code clients} at a time, each client taking the next batch. */
    static <T> void parallel(int clients, List<T> items, int batchSize, Work<T> work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int from; (from = next.getAndAdd(batchSize)) < items.size(); ) {
                        work.run(items.subList(from, Math.min(items.size(), from + batchSize)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private HttpRequest.Builder request(Server server, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (server.token() != null) {
            b.header("Authorization", "Bearer " + server.token());
        }
        return b;
    }

    private void store(Server server, List<Path> files) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> response = client.send(request(server, "/studies")
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("STOW-RS to " + server.name() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void frame(Server server, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request(server, path)
                .header("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IOException("WADO-RS frame from " + server.name() + " answered " + response.statusCode());
        }
    }

    private static String perInstance(Duration cpu, int instances) {
        return cpu.isZero() ? "-" : String.format(Locale.ROOT, "%.2f", cpu.toNanos() / 1e6 / instances);
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
