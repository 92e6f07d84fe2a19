package cn.qianli.localservices;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak distribution Maven resolved, unpacked and built ({@code kc.sh build}, the slow
 * Quarkus augmentation) once into the cache, so that {@code mvn clean} does not redo it; and a
 * thin home per start that shares the built jars but has its own {@code data} folder.
 */
final class KeycloakDistribution {

    private static final Logger log = LoggerFactory.getLogger(KeycloakDistribution.class);

    /** Build-time options; changing them re-runs the augmentation once. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=true");
    private static final String MARKER = ".qianli-built";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private KeycloakDistribution() {
    }

    /** The built distribution in the cache; unpacks and builds it first when needed. */
    static synchronized Path builtHome() throws IOException {
        String version = Folders.artifactVersion("keycloak.version");
        Path cache = Folders.cache();
        Path home = cache.resolve("keycloak-" + version);
        String expected = String.join(" ", BUILD_OPTIONS) + "\n";
        try (FileChannel channel = FileChannel.open(cache.resolve("keycloak-" + version + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            Path marker = home.resolve(MARKER);
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(expected)) {
                return home;
            }
            Path distribution = Folders.artifact("keycloak.dist");
            log.info("Keycloak {}: unpacking {} into {} and building it (once; takes a minute or two)",
                    version, distribution.getFileName(), home);
            Folders.deleteTree(home);
            Path unpack = cache.resolve("keycloak-" + version + ".unpack");
            Folders.deleteTree(unpack);
            Files.createDirectories(unpack);
            run(List.of("tar", "-xzf", distribution.toString(), "-C", unpack.toString()), unpack,
                    cache.resolve("keycloak-" + version + "-unpack.log"));
            Files.move(unpack.resolve("keycloak-" + version), home, StandardCopyOption.ATOMIC_MOVE);
            Folders.deleteTree(unpack);
            List<String> build = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            build.addAll(BUILD_OPTIONS);
            run(build, home, cache.resolve("keycloak-" + version + "-build.log"));
            Files.writeString(marker, expected, StandardCharsets.UTF_8);
            log.info("Keycloak {} built in {}", version, home);
            return home;
        }
    }

    /**
     * A home for one server: its own {@code bin} (kc.sh finds the home from its own path) and
     * {@code data}, the rest linked to the built distribution.
     */
    static Path instanceHome(Path built, Path instance) throws IOException {
        Files.createDirectories(instance.resolve("bin"));
        try (DirectoryStream<Path> bin = Files.newDirectoryStream(built.resolve("bin"))) {
            for (Path entry : bin) {
                Path target = instance.resolve("bin").resolve(entry.getFileName().toString());
                if (Files.isRegularFile(entry)) {
                    Files.copy(entry, target, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    Files.createSymbolicLink(target, entry);
                }
            }
        }
        for (String shared : List.of("conf", "lib", "providers", "themes")) {
            Files.createSymbolicLink(instance.resolve(shared), built.resolve(shared));
        }
        Files.createDirectories(instance.resolve("data/import"));
        return instance;
    }

    /** The environment kc.sh runs with: this JVM's JDK, nothing inherited that configures Keycloak. */
    static Map<String, String> cleanEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_")
                || name.startsWith("JAVA_OPTS") || name.equals("JAVA_ADD_OPENS") || name.equals("JAVA"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        return environment;
    }

    private static void run(List<String> command, Path directory, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        cleanEnvironment(builder.environment());
        Process process = builder.start();
        try {
            if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + BUILD_TIMEOUT
                        + "; see " + logFile);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + process.exitValue()
                    + "; see " + logFile);
        }
    }
}
