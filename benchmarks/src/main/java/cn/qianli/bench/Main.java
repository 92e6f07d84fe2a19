package cn.qianli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./qianli bench [--runs N] [--work DIR] [--quick] [--only SECTION]...}: runs the
 * benchmarks and prints Markdown tables; the same text is saved under the work folder as
 * results-TIMESTAMP.md. {@code --only cstore|link|archive|stow} (repeatable) runs just those sections
 * ({@code stow}: the STOW-RS part of {@code archive} alone, {@code --runs} times);
 * {@code --quick} uses a tenth of each corpus and one run, to check the set-up, not to measure.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        boolean quick = false;
        java.util.Set<String> only = new java.util.HashSet<>();
        Path work = Path.of(".qianli", "bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--only" -> only.add(args[++i]);
                default -> {
                    System.err.println("usage: ./qianli bench [--runs N] [--work DIR] [--quick] [--only cstore|link|archive|stow]...");
                    System.exit(2);
                }
            }
        }
        // absolute: the corpus is split into folders of symbolic links to its files
        work = work.toAbsolutePath();
        Files.createDirectories(work);
        StringBuilder report = new StringBuilder("# Qianli benchmarks, " + LocalDateTime.now().withNano(0) + "\n\n");
        report.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append("\n\n");

        // left over from a bench that was interrupted
        ServerHomes.removeAll(work);
        try {
            System.out.println("Preparing corpora in " + work.toAbsolutePath());
            int scale = quick ? 10 : 1;
            if (quick) {
                runs = 1;
            }
            List<Corpus> corpora = List.of(
                    Corpus.ct(work.resolve("corpus"), 2000 / scale + " small CT (128x128)", 2000 / scale, 128, 128),
                    Corpus.ct(work.resolve("corpus"), 1000 / scale + " CT of 512 KB (512x512)", 1000 / scale, 512, 512));
            List<ScpIngestBenchmark.TargetFactory> targets = new ArrayList<>();
            targets.add(w -> new DcmtkStoreScp(w, Ports.free()));
            targets.add(w -> QianliStoreScp.start(w, false));
            targets.add(w -> QianliStoreScp.start(w, true));
            targets.add(w -> new OrthancScp(w, false));
            Path root = Path.of(System.getProperty("qianli.root", "."));
            targets.add(w -> GatewayProcess.ingestOnly(root, w));

            if (only.isEmpty() || only.contains("cstore")) {
                report.append("## C-STORE ingest (storescu as the modality)\n\n");
                report.append(new ScpIngestBenchmark(work, runs).run(corpora, targets)).append('\n');
            }
            if (only.isEmpty() || only.contains("link")) {
                report.append("## Gateway to centre over a 4 Mbit/s link (Orthanc + DICOMweb as the centre)\n\n");
                Corpus study = Corpus.ct(work.resolve("corpus"), "CT study of " + 300 / scale + " slices (512x512)",
                        300 / scale, 512, 512, 300);
                report.append(new LinkBenchmark(root, work).run(study, 4_000_000)).append('\n');
            }
            if (only.isEmpty() || only.contains("archive")) {
                report.append(archiveBenchmarks(root, work, scale));
            } else if (only.contains("stow")) {
                for (int run = 1; run <= runs; run++) {
                    report.append("### STOW-RS run ").append(run).append(" of ").append(runs).append("\n\n");
                    report.append(stowBenchmark(root, work, scale));
                }
            }
        } finally {
            ServerHomes.removeAll(work);
        }
        String text = report.toString();
        System.out.println();
        System.out.println(text);
        Path saved = work.resolve("results-" + LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".md");
        Files.writeString(saved, text);
        System.out.println("Saved to " + saved.toAbsolutePath());
    }

    /** STOW-RS ingest and WADO-RS frames against Orthanc + DICOMweb, QIDO-RS latency with a large index. */
    private static String archiveBenchmarks(Path root, Path work, int scale) throws Exception {
        StringBuilder out = new StringBuilder();
        int count = 2000 / scale;
        int[] clients = {1, 4};
        try (CentreProcess centre = CentreProcess.start(root, work);
                OrthancScp orthanc = new OrthancScp(work, true)) {
            out.append(stow(centre, orthanc, work, count));
            // the corpora the STOW-RS section made and stored
            Corpus warmUp = warmUpCorpus(work, count);
            Corpus stored = stowCorpus(work, count, 1);
            List<DicomWebBenchmark.Server> readers = List.of(
                    new DicomWebBenchmark.Server("Qianli centre", centre.url() + "/dicom-web",
                            centre.userToken("radiologist1"), centre::cpu, CpuTime::postgres),
                    new DicomWebBenchmark.Server("Orthanc 1.10 + DICOMweb 1.7",
                            "http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web", null, orthanc::cpu,
                            CpuTime.none()));
            DicomWebBenchmark dicomWeb = new DicomWebBenchmark();
            out.append("## WADO-RS frames (frame 1 of every stored instance)\n\n");
            out.append("Each server first serves the frames of the warm-up corpus (not counted); every centre request"
                    + " is authorised and audited.\n\n");
            dicomWeb.warmUpFrames(readers, warmUp);
            out.append(dicomWeb.frames(readers, stored, clients)).append('\n');

            int instances = scale == 1 ? 1_000_000 : 100_000;
            out.append("## QIDO-RS study search (target: p50 < 20 ms at 1M instances)\n\n");
            out.append(new QidoBenchmark(centre).run(instances, 1000 / scale)).append('\n');
        }
        return out.toString();
    }

    /** STOW-RS ingest alone, both servers started fresh for it. */
    private static String stowBenchmark(Path root, Path work, int scale) throws Exception {
        int count = 2000 / scale;
        try (CentreProcess centre = CentreProcess.start(root, work);
                OrthancScp orthanc = new OrthancScp(work, true)) {
            return stow(centre, orthanc, work, count);
        }
    }

    /** The STOW-RS section: both servers warmed up, then each fed a fresh corpus with 1 and with 4 clients. */
    private static String stow(CentreProcess centre, OrthancScp orthanc, Path work, int count) throws Exception {
        List<Corpus> stowCorpora = List.of(stowCorpus(work, count, 1), stowCorpus(work, count, 4));
        List<DicomWebBenchmark.Server> servers = List.of(
                new DicomWebBenchmark.Server("Qianli centre", centre.url() + "/dicom-web",
                        centre.clientToken("gateway-h001"), centre::cpu, CpuTime::postgres),
                new DicomWebBenchmark.Server("Orthanc 1.10 + DICOMweb 1.7",
                        "http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web", null, orthanc::cpu,
                        CpuTime.none()));
        Corpus warmUp = warmUpCorpus(work, count);
        DicomWebBenchmark dicomWeb = new DicomWebBenchmark();
        StringBuilder out = new StringBuilder("## STOW-RS ingest (batches of ").append(DicomWebBenchmark.BATCH)
                .append(" instances, target: centre >= 1.5x Orthanc)\n\n");
        out.append(durability(centre, warmUp));
        dicomWeb.warmUpStow(servers, warmUp, warmUpSingles(count));
        out.append(settle(centre, servers, dicomWeb, work, count));
        out.append(dicomWeb.stow(servers, stowCorpora, new int[] {1, 4})).append('\n');
        return out.toString();
    }

    /**
     * The corpus a STOW-RS phase with {@code clients} clients stores: five times the warm-up's
     * unit {@code count}, so that each measured phase lasts seconds, not one, and a pause of
     * either server weighs little in it.
     */
    private static Corpus stowCorpus(Path work, int count, int clients) throws IOException {
        int size = count * 5;
        return Corpus.ct(work.resolve("corpus"), "stow-" + clients + " " + size + " CT (128x128)", size, 128, 128);
    }

    /**
     * What each server stores first, not counted: {@code 2 * count} instances,
     * the first {@link #warmUpSingles} of them one per request, so that the centre's JIT has
     * compiled the code run once per request too, as Orthanc's native code is from the start.
     */
    private static Corpus warmUpCorpus(Path work, int count) throws IOException {
        return Corpus.ct(work.resolve("corpus"), "warm-up " + count * 2 + " CT (128x128)", count * 2, 128, 128);
    }

    /** A warm-up round in which the centre's JIT compilers used less than this share of its CPU ends the warm-up. */
    private static final double SETTLED_SHARE = 0.05;
    private static final int MAX_SETTLE_ROUNDS = 8;

    /**
     * After the warm-up corpus, rounds of fresh instances stored in batches (not counted) until
     * the centre's JIT compiler threads use less than {@link #SETTLED_SHARE} of its CPU in a round,
     * at most {@link #MAX_SETTLE_ROUNDS}: its code has then reached the compiled state a centre
     * that has run for a while is in. Orthanc stores the same rounds, so both indexes hold as many
     * instances when the measured corpora arrive.
     */
    private static String settle(CentreProcess centre, List<DicomWebBenchmark.Server> servers,
            DicomWebBenchmark dicomWeb, Path work, int count) throws Exception {
        List<Corpus> rounds = new ArrayList<>();
        double share = 1;
        while (rounds.size() < MAX_SETTLE_ROUNDS && share >= SETTLED_SHARE) {
            Corpus round = Corpus.ct(work.resolve("corpus"), "warm-up round " + (rounds.size() + 1) + " " + count
                    + " CT (128x128)", count, 128, 128);
            Duration cpu = centre.cpu();
            Duration compilers = centre.compilerCpu();
            dicomWeb.storeBatches(servers.get(0), round.files());
            long spent = centre.cpu().minus(cpu).toMillis();
            share = spent == 0 ? 0 : (double) centre.compilerCpu().minus(compilers).toMillis() / spent;
            rounds.add(round);
            System.out.printf("warm-up round %d: the centre's JIT compilers used %.0f%% of its CPU%n", rounds.size(),
                    share * 100);
        }
        for (DicomWebBenchmark.Server other : servers.subList(1, servers.size())) {
            for (Corpus round : rounds) {
                dicomWeb.storeBatches(other, round.files());
            }
        }
        return String.format(Locale.ROOT, "Then each stores rounds of %d fresh instances in batches (not counted) until"
                + " the centre's JIT compiler threads use less than %.0f%% of its CPU in a round: %d rounds, %.0f%% in"
                + " the last.%n%n", count, SETTLED_SHARE * 100, rounds.size(), share * 100);
    }

    private static int warmUpSingles(int count) {
        return count * 3 / 2;
    }

    /** What each server does to make a stored instance durable, read from the running centre where it can be. */
    private static String durability(CentreProcess centre, Corpus warmUp) throws Exception {
        String synchronousCommit;
        String fsync;
        try (Connection db = DriverManager.getConnection(centre.ownerJdbcUrl(), "postgres", "");
                Statement st = db.createStatement()) {
            synchronousCommit = show(st, "synchronous_commit");
            fsync = show(st, "fsync");
        }
        return "Durability. Centre: each object is written to a temporary file, forced to disk (fsync), renamed"
                + " and its directory forced before the transaction that indexes it commits; its PostgreSQL runs"
                + " with synchronous_commit=" + synchronousCommit + ", fsync=" + fsync + " (read from the server),"
                + " and every instance's audit entry commits with its index row. Orthanc: \"SyncStorageArea\": true"
                + " (each stored file is fsync'd); its SQLite index runs in WAL mode with synchronous=NORMAL"
                + " (Orthanc 1.10's setting), so an index commit is not flushed to disk by itself. Both start empty;"
                + " each first stores the " + warmUp.files().size() + " instances of \"" + warmUp.name()
                + "\" with 4 clients, the first " + warmUpSingles(warmUp.files().size() / 2) + " one per request"
                + " (not counted), so the centre's JIT is warm as Orthanc's native code is.\n\n";
    }

    private static String show(Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
