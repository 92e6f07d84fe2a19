package cn.qianli.gateway.forward;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.gateway.spool.InvalidInstanceException;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpooledInstance;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared sample files, spooled. */
final class Samples {

    private Samples() {
    }

    static List<Path> files() throws Exception {
        Path dir = Path.of(System.getProperty("qianli.root", ".")).resolve("../shared/dicom-samples/test_files");
        assumeTrue(Files.isDirectory(dir), "skipped: no ../shared");
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    /** Stores every file the spool accepts; returns SOP Instance UID to the bytes the spool kept. */
    static Map<String, byte[]> spool(Spool spool, List<Path> files) throws Exception {
        Map<String, byte[]> kept = new HashMap<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                SpooledInstance stored = spool.store(in, Files.size(file));
                kept.put(stored.keys().sopInstanceUid(), Files.readAllBytes(stored.file()));
            } catch (InvalidInstanceException e) {
                // no File Meta Information: refused at the door, as a modality would be told
            }
        }
        return kept;
    }

    /** Waits (as a hang guard, not a speed assertion) until the spool has nothing left to send. */
    static void awaitDrained(Spool spool, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && spool.state().queueDepth() > 0; i++) {
            Thread.sleep(100);
        }
    }
}
