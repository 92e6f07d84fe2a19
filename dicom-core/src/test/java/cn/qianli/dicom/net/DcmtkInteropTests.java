package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.part10.Part10Header;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DCMTK tools as real peers of our SCP and SCU. */
class DcmtkInteropTests {

    /**
     * Samples storescu refuses ("missing SOP class (or instance) in file"): data sets without SOP
     * Class/Instance UID (test files of other features), or files DCMTK cannot parse to the end.
     */
    static final Set<String> DCMTK_CANNOT_SEND = Set.of(
            // no SOP Class UID or SOP Instance UID in the data set
            "chrSQEncoding.dcm", "chrSQEncoding1.dcm", "UN_sequence.dcm", "empty_charset_LEI.dcm",
            "meta_missing_tsyntax.dcm", "nested_priv_SQ.dcm", "no_meta_group_length.dcm", "priv_SQ.dcm",
            "rtdose_rle.dcm", "rtdose_rle_1frame.dcm",
            // truncated or malformed on purpose: an element longer than the rest of the file
            "MR_truncated.dcm", "SC_rgb_jpeg.dcm", "no_meta.dcm", "rtplan_truncated.dcm");

    @TempDir
    Path work;

    private DicomServer server(RecordingStore store, FindHandler find) throws Exception {
        ServerConfig config = ServerConfig.defaults("QIANLI_TEST", work.resolve("spool"))
                .withBindAddress("127.0.0.1", 0).withMaxAssociations(8);
        DicomServer.Builder builder = DicomServer.builder(config);
        if (store != null) {
            builder.onStore(store);
        }
        if (find != null) {
            builder.onFind(find);
        }
        return builder.start();
    }

    @Test
    void echoscuGetsSuccessFromOurScp() throws Exception {
        Dcmtk.assumeInstalled("echoscu");
        try (DicomServer server = server(null, null)) {
            Dcmtk.Result result = Dcmtk.run(work, Duration.ofSeconds(30), "echoscu", "-v", "-aet", "ECHOSCU",
                    "-aec", "QIANLI_TEST", "127.0.0.1", String.valueOf(server.port()));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Received Echo Response (Success)");
        }
    }

    /**
     * A storescu association profile proposing one presentation context per (SOP class, transfer
     * syntax) of the files, so that storescu sends each file in its own transfer syntax.
     */
    static Path storescuProfile(Path dir, List<Path> files) throws Exception {
        Set<String> syntaxes = new TreeSet<>();
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (Path file : files) {
            List<String> pair = sopClassAndTransferSyntax(file);
            if (pair != null) {
                syntaxes.add(pair.get(1));
                pairs.add(pair);
            }
        }
        StringBuilder cfg = new StringBuilder("[[TransferSyntaxes]]\n");
        List<String> names = new ArrayList<>(syntaxes);
        for (int i = 0; i < names.size(); i++) {
            cfg.append("[TS").append(i).append("]\nTransferSyntax1 = ").append(names.get(i)).append("\n");
        }
        cfg.append("[[PresentationContexts]]\n[OwnSyntax]\n");
        int n = 1;
        for (List<String> pair : pairs) {
            cfg.append("PresentationContext").append(n++).append(" = ").append(pair.get(0)).append("\\TS")
                    .append(names.indexOf(pair.get(1))).append("\n");
        }
        cfg.append("[[Profiles]]\n[OwnSyntax]\nPresentationContexts = OwnSyntax\n");
        Path file = dir.resolve("storescu.cfg");
        Files.writeString(file, cfg);
        return file;
    }

    /** Runs storescu with the own-syntax profile against port; returns its output. */
    private Dcmtk.Result storescu(Path profile, int port, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", "QIANLI_TEST",
                "-xf", profile.toString(), "OwnSyntax", "-nh", "127.0.0.1", String.valueOf(port)));
        files.forEach(f -> command.add(f.toString()));
        return Dcmtk.run(work, Duration.ofMinutes(3), command.toArray(String[]::new));
    }

    /**
     * What storescu puts on the wire for the files, as DCMTK's own storescp receives it
     * bit-preserving: data set digests. (storescu re-encodes the data sets it parses, so for some
     * files what is sent differs from the file.)
     */
    private List<String> sentByStorescu(Path profile, List<Path> files) throws Exception {
        Path reference = Files.createDirectories(work.resolve("storescp"));
        int port = Dcmtk.freePort();
        Process storescp = Dcmtk.start(work, "storescp", "-aet", "QIANLI_TEST", "+B", "+uf", "+xa", "-pm",
                "-od", reference.toString(), String.valueOf(port));
        try {
            Dcmtk.awaitListening(port, storescp);
            storescu(profile, port, files);
        } finally {
            Dcmtk.stop(storescp);
        }
        List<String> digests = new ArrayList<>();
        try (Stream<Path> received = Files.list(reference)) {
            for (Path file : received.sorted().toList()) {
                digests.add(Samples.dataSetDigest(file));
            }
        }
        return digests;
    }

    /** SOP class and transfer syntax from the meta header, or as PixelMed reads the file; null if unreadable. */
    static List<String> sopClassAndTransferSyntax(Path file) {
        try {
            Part10Header header = Part10Header.read(file);
            return List.of(header.meta().mediaStorageSopClassUid(), header.meta().transferSyntaxUid());
        } catch (IOException e) {
            try {
                AttributeList list = new AttributeList();
                list.read(file.toString(), TagFromName.PixelData);
                String sopClass = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID);
                String syntax = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID);
                if (syntax.isEmpty()) {
                    DicomInputStream in = new DicomInputStream(file.toFile());
                    syntax = in.getTransferSyntaxToReadDataSet().getUID();
                    in.close();
                }
                return sopClass.isEmpty() ? null : List.of(sopClass, syntax);
            } catch (IOException | DicomException | RuntimeException unreadable) {
                return null;
            }
        }
    }

    @Test
    void storescuSendsEverySampleInItsOwnSyntaxAndWeReceiveItByteIdentical() throws Exception {
        Dcmtk.assumeInstalled("storescu");
        Dcmtk.assumeInstalled("storescp");
        List<Path> all = Samples.all();
        Path profile = storescuProfile(work, all);
        List<String> reference = sentByStorescu(profile, all);

        RecordingStore store = new RecordingStore();
        Dcmtk.Result result;
        try (DicomServer server = server(store, null)) {
            result = storescu(profile, server.port(), all);
        }

        List<String> dcmtkCannotSend = all.stream().map(f -> f.getFileName().toString())
                .filter(DCMTK_CANNOT_SEND::contains).toList();
        System.out.printf("%d samples: %d storescu refuses %s; %d sent and received%n", all.size(),
                dcmtkCannotSend.size(), dcmtkCannotSend, store.stored.size());
        for (String refused : dcmtkCannotSend) {
            assertThat(result.output()).contains(refused);
        }
        assertThat(store.stored).hasSize(all.size() - dcmtkCannotSend.size());
        assertThat(result.output()).doesNotContain("Store Failed").doesNotContain("No presentation context");
        assertThat(store.digests()).containsExactlyInAnyOrderElementsOf(reference);
        for (RecordingStore.Stored s : store.stored) {
            assertThat(s.instance().callingAeTitle()).isEqualTo("STORESCU");
        }
        List<String> syntaxesSent = all.stream().filter(f -> !dcmtkCannotSend.contains(f.getFileName().toString()))
                .map(f -> sopClassAndTransferSyntax(f).get(1)).distinct().toList();
        assertThat(store.stored.stream().map(s -> s.instance().transferSyntaxUid()).distinct())
                .containsExactlyInAnyOrderElementsOf(syntaxesSent);
        long unchanged = store.stored.stream().filter(s -> {
            try {
                String digest = s.dataSetDigest();
                for (Path f : Samples.part10()) {
                    if (Samples.dataSetDigest(f).equals(digest)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }).count();
        System.out.printf("%d of %d received data sets are also byte-identical to their files "
                + "(storescu re-encodes the others)%n", unchanged, store.stored.size());
    }

    @Test
    void servesSeveralStorescuAssociationsAtOnce() throws Exception {
        Dcmtk.assumeInstalled("storescu");
        List<Path> sendable = Samples.all().stream().filter(f -> f.getFileName().toString().matches("(MR_|SC_|chr).*"))
                .filter(f -> !DCMTK_CANNOT_SEND.contains(f.getFileName().toString())).toList();
        Path profile = storescuProfile(work, sendable);
        RecordingStore store = new RecordingStore();
        int senders = 4;
        try (DicomServer server = server(store, null)) {
            List<Thread> threads = new ArrayList<>();
            List<Dcmtk.Result> results = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < senders; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        results.add(storescu(profile, server.port(), sendable));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(results).hasSize(senders);
            List<Long> successes = results.stream().map(r -> (long) r.output()
                    .split("Received Store Response \\(Success\\)", -1).length - 1).toList();
            assertThat(successes).containsOnly((long) sendable.size());
            assertThat(store.stored).hasSize(senders * sendable.size());
        }
    }
}
