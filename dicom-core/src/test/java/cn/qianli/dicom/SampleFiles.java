package cn.qianli.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample DICOM files in ../shared/dicom-samples beside the project (never copied in). */
public final class SampleFiles {

    private SampleFiles() {
    }

    /** The samples folder; skips the calling test when it is absent. */
    public static Path root() {
        String reactor = System.getProperty("qianli.root");
        Path root = reactor == null ? null : Path.of(reactor).resolve("../shared/dicom-samples").normalize();
        assumeTrue(root != null && Files.isDirectory(root), "skipped: no ../shared");
        return root;
    }

    public static Path testFile(String name) {
        return root().resolve("test_files").resolve(name);
    }

    public static Path charsetFile(String name) {
        return root().resolve("charset_files").resolve(name);
    }

    /** Every .dcm file of test_files and charset_files, sorted. */
    public static List<Path> all() {
        Path root = root();
        try (Stream<Path> tests = Files.list(root.resolve("test_files"));
                Stream<Path> charsets = Files.list(root.resolve("charset_files"))) {
            return Stream.concat(tests, charsets)
                    .filter(p -> p.getFileName().toString().endsWith(".dcm"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
