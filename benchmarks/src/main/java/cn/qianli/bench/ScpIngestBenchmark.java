package cn.qianli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * C-STORE ingest: DCMTK's storescu sends each corpus to each SCP with 1 and with 4 associations;
 * instances per second is the median of several runs after one untimed warm-up run, the SCPs
 * taking turns run by run. The SCPs share the machine with the sender,
 * as they would share it with nothing on a gateway PC: compare figures of the same run only.
 */
final class ScpIngestBenchmark {

    /** Makes a fresh SCP under test in the work folder. */
    interface TargetFactory {
        StoreTarget start(Path work) throws Exception;
    }

    private final Path work;
    private final int runs;

    ScpIngestBenchmark(Path work, int runs) {
        this.work = work;
        this.runs = runs;
    }

    Table run(List<Corpus> corpora, List<TargetFactory> factories) throws Exception {
        Table table = new Table("corpus", "SCP", "associations", "instances/s (median)", "MB/s", "runs");
        for (Corpus corpus : corpora) {
            for (int associations : new int[] {1, 4}) {
                List<Path> folders = corpus.split(work.resolve("split"), associations);
                List<StoreTarget> targets = new ArrayList<>();
                try {
                    for (TargetFactory factory : factories) {
                        targets.add(factory.start(work));
                    }
                    double[][] rates = new double[targets.size()][runs];
                    // One untimed run first: a JVM SCP compiles its hot paths during the first
                    // thousands of instances, a gateway runs for years.
                    for (StoreTarget target : targets) {
                        target.reset();
                        StoreScu.sendNanos(folders, target, Files.createDirectories(work.resolve("logs")));
                    }
                    // the SCPs take turns run by run, so a change in the machine's load meets them all alike
                    for (int run = 0; run < runs; run++) {
                        for (int t = 0; t < targets.size(); t++) {
                            StoreTarget target = targets.get(t);
                            target.reset();
                            long nanos = StoreScu.sendNanos(folders, target, Files.createDirectories(work.resolve("logs")));
                            long received = target.received();
                            if (received != corpus.files().size()) {
                                throw new IOException(target.name() + " received " + received + " of "
                                        + corpus.files().size() + " instances");
                            }
                            rates[t][run] = corpus.files().size() / (nanos / 1e9);
                            System.out.printf(Locale.ROOT, "  %s, %s, %d association(s), run %d: %.0f instances/s%n",
                                    corpus.name(), target.name(), associations, run + 1, rates[t][run]);
                        }
                    }
                    for (int t = 0; t < targets.size(); t++) {
                        double median = Table.median(rates[t]);
                        double megabytes = median * corpus.bytes() / corpus.files().size() / 1e6;
                        table.add(corpus.name(), targets.get(t).name(), associations,
                                String.format(Locale.ROOT, "%.0f", median),
                                String.format(Locale.ROOT, "%.1f", megabytes), runs);
                        targets.get(t).reset();
                    }
                } finally {
                    for (StoreTarget target : targets) {
                        target.close();
                    }
                }
            }
        }
        return table;
    }
}
