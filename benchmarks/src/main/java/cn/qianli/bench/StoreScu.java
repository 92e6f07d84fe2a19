package cn.qianli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends folders with DCMTK's storescu, one process (one association) per folder, all at once,
 * and returns the wall time until the last one has released its association.
 */
final class StoreScu {

    private StoreScu() {
    }

    static long sendNanos(List<Path> folders, StoreTarget target, Path logs) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        long start = System.nanoTime();
        int i = 0;
        for (Path folder : folders) {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    "storescu", "-aet", "BENCH", "-aec", target.aeTitle(), "+sd", "-nh",
                    "127.0.0.1", Integer.toString(target.port()), folder.toString()));
            builder.environment().put("TCP_NODELAY", "1");
            Path log = logs.resolve("storescu-" + (i++) + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            processes.add(builder.start());
        }
        int failed = 0;
        for (Process p : processes) {
            if (p.waitFor() != 0) {
                failed++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (failed > 0) {
            throw new IOException(failed + " storescu process(es) failed against " + target.name()
                    + "; see " + logs);
        }
        return elapsed;
    }
}
