package cn.qianli.localservices;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * S3Proxy (an S3 server that checks AWS SigV2/SigV4 signatures) as a child process on a loopback
 * port, storing objects in a folder, with one bucket and credentials made up for this start.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String BUCKET = "qianli";
    /** S3Proxy answers for any region; clients sign with this one. */
    public static final String REGION = "us-east-1";

    private final ChildProcess process;
    private final Path work;
    private final Path storage;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(ChildProcess process, Path work, Path storage, int port,
            String accessKey, String secretKey) {
        this.process = process;
        this.work = work;
        this.storage = storage;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Any free port; objects in a temp folder deleted on close. */
    public static LocalS3 start() throws IOException {
        return start(0, null);
    }

    /**
     * @param preferredPort used when free (0: any free port)
     * @param storage where objects are kept, kept after close; {@code null}: a temp folder
     */
    public static LocalS3 start(int preferredPort, Path storage) throws IOException {
        Path jar = Folders.artifact("s3proxy.jar");
        Path work = Files.createTempDirectory("qianli-s3proxy-");
        Path base = storage == null ? work.resolve("objects") : storage.toAbsolutePath();
        Files.createDirectories(base.resolve(BUCKET));
        int port = Ports.preferredOrFree(preferredPort);
        String accessKey = Secrets.accessKey();
        String secretKey = Secrets.random(30);

        Properties settings = new Properties();
        settings.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        settings.setProperty("s3proxy.identity", accessKey);
        settings.setProperty("s3proxy.credential", secretKey);
        settings.setProperty("jclouds.provider", "filesystem-nio2");
        settings.setProperty("jclouds.filesystem.basedir", base.toString());
        settings.setProperty("jclouds.identity", "local");
        settings.setProperty("jclouds.credential", "local");
        Path properties = work.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
            settings.store(out, "S3Proxy for Qianli, this start only");
        }

        ChildProcess process = ChildProcess.start("S3Proxy",
                List.of(ChildProcess.java(), "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString()),
                System.getenv(), work, work.resolve("s3proxy.log"));
        LocalS3 s3 = new LocalS3(process, work, base, port, accessKey, secretKey);
        try {
            process.awaitReady(Duration.ofMinutes(2), s3::answers);
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /** Any HTTP answer at all (an anonymous request gets 403) means the server is up. */
    private boolean answers() {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            probe.close();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code http://127.0.0.1:PORT} (path-style addressing). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Random per start. */
    public String accessKey() {
        return accessKey;
    }

    /** Random per start. */
    public String secretKey() {
        return secretKey;
    }

    /** The bucket that exists from the start: {@value #BUCKET}. */
    public String bucket() {
        return BUCKET;
    }

    public String region() {
        return REGION;
    }

    /** The folder S3Proxy keeps objects in (one sub-folder per bucket). */
    public Path storage() {
        return storage;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
        Folders.deleteTree(work); // a temp storage folder lives inside it; a given one does not
    }
}
