package cn.qianli.centre;

import cn.qianli.localservices.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running centre for tests: a throw-away embedded PostgreSQL, a temporary object directory
 * (removed when the test JVM ends) and the realm of a real Keycloak. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CentreTest {

    protected static final Path WORK = createWorkDir();

    /** The STOW-RS request limit the tests run with. */
    protected static final int MAX_REQUEST_MB = 8;

    @DynamicPropertySource
    static void centreProperties(DynamicPropertyRegistry registry) {
        registry.add("qianli.db.embedded-dir", () -> "");
        // the storage kind stays the default (filesystem) unless a subclass sets it
        registry.add("qianli.storage.dir", () -> WORK.resolve("objects").toString());
        registry.add("qianli.dicomweb.max-request-size", () -> MAX_REQUEST_MB + "MB");
        registry.add("qianli.security.oidc-issuer", () -> LocalServices.keycloak().issuer());
    }

    private static Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory("qianli-centre-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
