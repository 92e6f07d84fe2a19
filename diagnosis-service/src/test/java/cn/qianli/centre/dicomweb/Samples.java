package cn.qianli.centre.dicomweb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared sample files beside the project. */
public final class Samples {

    private Samples() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("qianli.root", ".")).resolve("../shared/dicom-samples");
        assumeTrue(Files.isDirectory(root), "skipped: no ../shared");
        return root;
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "skipped: no ../shared");
        return file;
    }
}
