package cn.qianli.gateway.spool;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Child process for {@link SpoolCrashTests}: stores the files of a folder into a spool over and
 * over, printing {@code STORED <SOP Instance UID>} each time {@link Spool#store} returned (the
 * moment a modality would be told success).
 */
public final class SpoolWriterProcess {

    public static void main(String[] args) throws Exception {
        Spool spool = Spool.open(Path.of(args[0]), 0, new DicomCoreReader(), Clock.systemUTC());
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(args[1]))) {
            files = list.sorted().toList();
        }
        System.out.println("READY");
        System.out.flush();
        while (true) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    SpooledInstance stored = spool.store(in, Files.size(file));
                    System.out.println("STORED " + stored.keys().sopInstanceUid());
                    System.out.flush();
                }
            }
        }
    }
}
