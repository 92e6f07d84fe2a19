package cn.qianli.localservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;

/**
 * For {@code ./qianli demo}: starts S3Proxy and Keycloak (on 9000 and 8180 when free), writes their
 * settings as shell variable assignments to an env file, and runs until it is stopped (SIGTERM,
 * Ctrl-C), then stops both and removes the file.
 *
 * <p>Usage: {@code Main [ENV_FILE]}, default {@code .qianli/demo/services.env}. Environment:
 * {@code QIANLI_KEYCLOAK_PORT} (8180), {@code QIANLI_S3_PORT} (9000), {@code QIANLI_S3_DIR} (objects
 * kept there; default a temp folder removed at the end).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path envFile = Path.of(args.length > 0 ? args[0] : ".qianli/demo/services.env").toAbsolutePath();
        int keycloakPort = intSetting("QIANLI_KEYCLOAK_PORT", 8180);
        int s3Port = intSetting("QIANLI_S3_PORT", 9000);
        String s3Dir = System.getenv("QIANLI_S3_DIR");
        Files.deleteIfExists(envFile);

        Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(envFile);
            } catch (IOException e) {
                // the demo script removes it too
            }
            for (AutoCloseable service = running.pollFirst(); service != null; service = running.pollFirst()) {
                try {
                    service.close();
                } catch (Exception e) {
                    System.err.println("stopping " + service.getClass().getSimpleName() + " failed: " + e);
                }
            }
            stopped.countDown();
        }, "local-services-stop"));

        LocalS3 s3 = LocalS3.start(s3Port, s3Dir == null || s3Dir.isBlank() ? null : Path.of(s3Dir));
        running.push(s3);
        LocalKeycloak keycloak = LocalKeycloak.start(keycloakPort);
        running.push(keycloak);
        write(envFile, settings(s3, keycloak));
        System.out.println("local services ready: S3 " + s3.endpoint() + ", Keycloak " + keycloak.url()
                + "; settings in " + envFile);
        stopped.await();
    }

    /** The variables the applications read, as the demo passes them on. */
    static Map<String, String> settings(LocalS3 s3, LocalKeycloak keycloak) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("QIANLI_S3_ENDPOINT", s3.endpoint());
        settings.put("QIANLI_S3_REGION", s3.region());
        settings.put("QIANLI_S3_ACCESS_KEY", s3.accessKey());
        settings.put("QIANLI_S3_SECRET_KEY", s3.secretKey());
        settings.put("QIANLI_S3_BUCKET", s3.bucket());
        settings.put("QIANLI_KEYCLOAK_URL", keycloak.url());
        settings.put("QIANLI_OIDC_ISSUER", keycloak.issuer());
        settings.put("QIANLI_OIDC_AUDIENCE", LocalKeycloak.AUDIENCE);
        settings.put("QIANLI_OIDC_VIEWER_CLIENT_ID", LocalKeycloak.VIEWER_CLIENT);
        settings.put("QIANLI_GATEWAY_CLIENT_ID", "gateway-h001");
        settings.put("QIANLI_GATEWAY_CLIENT_SECRET", keycloak.clientSecret("gateway-h001"));
        settings.put("QIANLI_AI_CLIENT_ID", "ai-assist");
        settings.put("QIANLI_AI_CLIENT_SECRET", keycloak.clientSecret("ai-assist"));
        for (String client : LocalKeycloak.CONFIDENTIAL_CLIENTS) {
            settings.put(LocalKeycloak.secretVariable(client), keycloak.clientSecret(client));
        }
        settings.put("QIANLI_KEYCLOAK_ADMIN_USERNAME", keycloak.adminUsername());
        settings.put("QIANLI_KEYCLOAK_ADMIN_PASSWORD", keycloak.adminPassword());
        return settings;
    }

    /** Written whole, readable by the owner only, and moved into place: its presence means ready. */
    private static void write(Path envFile, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder("# local services of ./qianli demo; removed when they stop\n");
        settings.forEach((name, value) -> text.append(name).append("='").append(value).append("'\n"));
        Files.createDirectories(envFile.getParent());
        Path partial = envFile.resolveSibling(envFile.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, envFile, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int intSetting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
