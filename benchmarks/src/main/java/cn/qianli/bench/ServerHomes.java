package cn.qianli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders the DICOMweb servers under test keep their objects and indexes in: a new one for
 * every start, all removed when the bench ends, none while it measures. On ext4 without a
 * journal (as on this project's build machines) the kernel does not reuse an inode freed in the
 * last minute or more, and every file created meanwhile in the same block group scans past each
 * of them: removing a run's tens of thousands of objects just before the next run made that run's
 * file creation several times dearer, for one server more than the other, by chance.
 */
final class ServerHomes {

    private ServerHomes() {
    }

    /** A new, empty folder for one start of {@code name}. */
    static Path fresh(Path work, String name) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(work.resolve("servers")), name + "-");
    }

    /** Removes every server folder under {@code work} and flushes the removal to disk. */
    static void removeAll(Path work) {
        Corpus.deleteTree(work.resolve("servers"));
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // nothing to flush with: the kernel writes the removal out by itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
