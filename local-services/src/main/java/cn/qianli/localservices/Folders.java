package cn.qianli.localservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/** Where things go: temp folders per start, a cache that survives {@code mvn clean}. */
final class Folders {

    private Folders() {
    }

    /**
     * The cache for unpacked distributions and PostgreSQL binaries: {@code QIANLI_CACHE_DIR}, else
     * {@code ~/.cache/qianli}.
     */
    static Path cache() {
        String configured = System.getenv("QIANLI_CACHE_DIR");
        Path cache = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "qianli");
        try {
            return Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache folder " + cache, e);
        }
    }

    /** Deletes a folder and everything in it; symbolic links are removed, never followed. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** A file the build resolved (artifacts.properties, filled in by maven-dependency-plugin). */
    static Path artifact(String key) {
        String value = artifacts().getProperty(key, "");
        if (value.isBlank() || value.startsWith("@")) {
            throw new IllegalStateException(key + " was not resolved by the build; build local-services with Maven");
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(key + ": " + file + " is gone; rebuild local-services with Maven");
        }
        return file;
    }

    static String artifactVersion(String key) {
        return artifacts().getProperty(key);
    }

    private static Properties artifacts() {
        Properties artifacts = new Properties();
        try (var in = Folders.class.getResourceAsStream("artifacts.properties")) {
            if (in == null) {
                throw new IllegalStateException("artifacts.properties missing from the local-services jar");
            }
            artifacts.load(in);
            return artifacts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
