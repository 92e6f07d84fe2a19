package cn.qianli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End to end over a slow link: storescu sends one CT study to the gateway, which forwards it by
 * STOW-RS through a {@link ThrottledLink} to Orthanc's DICOMweb plugin; the clock stops when the
 * receiving end holds every instance. Compared with the time the study's bytes alone need at the
 * link's rate.
 */
final class LinkBenchmark {

    private final Path root;
    private final Path work;

    LinkBenchmark(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    Table run(Corpus study, long bitsPerSecond) throws Exception {
        Table table = new Table("study", "link", "raw bytes", "bytes on the link", "raw transfer at link rate (s)",
                "time to complete (s)", "ratio");
        try (OrthancScp centre = new OrthancScp(work, true);
                ThrottledLink link = new ThrottledLink(centre.httpPort(), bitsPerSecond / 8);
                GatewayProcess gateway = new GatewayProcess(GatewayProcess.jar(root), work.resolve("gateway-link"),
                        Map.of("QIANLI_GATEWAY_CENTRE_URL", "http://127.0.0.1:" + link.port(),
                                "QIANLI_GATEWAY_CENTRE_GZIP", "false",
                                "QIANLI_GATEWAY_CENTRE_RETRY_BASE", "1s",
                                "QIANLI_GATEWAY_CENTRE_RETRY_MAX", "5s"))) {
            List<Path> folders = study.split(work.resolve("split"), 1);
            long start = System.nanoTime();
            StoreScu.sendNanos(folders, gateway, Files.createDirectories(work.resolve("logs")));
            long deadline = start + 3_600_000_000_000L;
            while (centre.received() < study.files().size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("study not complete at the centre after an hour");
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double raw = study.bytes() * 8.0 / bitsPerSecond;
            table.add(study.name(), String.format(Locale.ROOT, "%.0f Mbit/s", bitsPerSecond / 1e6), study.bytes(),
                    link.bytesUp(), String.format(Locale.ROOT, "%.1f", raw), String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%.2f", seconds / raw));
        }
        return table;
    }
}
