package cn.qianli.gateway.scp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.part10.Part10Header;
import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.GatewayProcess;
import cn.qianli.gateway.OrthancPeer;
import cn.qianli.gateway.Storescu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DCMTK storescu as the modality, the gateway in its own JVM, Orthanc's DICOMweb as the centre. */
class ReceiveAndForwardTests {

    @TempDir
    Path temp;

    private GatewayProcess gateway(OrthancPeer centre, int dicomPort, String modalities) throws Exception {
        return GatewayProcess.start(temp.resolve("spool"), temp.resolve("gateway.log"), dicomPort,
                Map.of("qianli.gateway.centre.url", centre.baseUri().toString(),
                        "qianli.gateway.dicom.modalities", modalities));
    }

    static byte[] dataSet(byte[] part10, Path scratch) throws Exception {
        Files.write(scratch, part10);
        long offset = Part10Header.read(scratch).dataSetOffset();
        return Arrays.copyOfRange(part10, (int) offset, part10.length);
    }

    static String transferSyntax(byte[] part10, Path scratch) throws Exception {
        Files.write(scratch, part10);
        return Part10Header.read(scratch).meta().transferSyntaxUid();
    }

    @Test
    void everySampleStorescuSendsArrivesAtTheCentreOnceWithItsDataSetUnchanged() throws Exception {
        Path samples = Path.of(System.getProperty("qianli.root", ".")).resolve("../shared/dicom-samples/test_files");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(samples), "skipped: no ../shared");
        Path wire = temp.resolve("wire");
        Storescu.capture(wire, samples);
        Map<String, byte[]> onTheWire = new HashMap<>();
        Path scratch = temp.resolve("scratch.dcm");
        try (var captured = Files.list(wire)) {
            for (Path f : captured.toList()) {
                onTheWire.put(Part10Header.read(f).meta().mediaStorageSopInstanceUid(),
                        dataSet(Files.readAllBytes(f), scratch));
            }
        }
        try (OrthancPeer orthanc = OrthancPeer.start(temp);
             GatewayProcess gw = gateway(orthanc, OrthancPeer.freePort(), "")) {
            Storescu.Result sent = Storescu.send("CT01", gw.dicomPort, samples);
            assertThat(sent.stored()).as(String.join("\n", sent.output())).hasSizeGreaterThan(50);
            assertThat(GatewayProcess.awaitQueueEmpty(temp.resolve("spool"), 120)).isTrue();
            Set<String> uids = new HashSet<>();
            Set<String> reused = new HashSet<>();
            for (Path file : sent.stored()) {
                if (!uids.add(DicomInstance.readHeader(file).identity().sopInstanceUid())) {
                    reused.add(DicomInstance.readHeader(file).identity().sopInstanceUid());
                }
            }
            Map<String, byte[]> stored = orthanc.instances();
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(uids);
            assertThat(orthanc.instanceCount()).isEqualTo(uids.size());
            // several samples reuse one SOP Instance UID for different content (rtdose*, MR_small*): the
            // centre keeps one of them, so only UIDs sent once are compared byte for byte
            assertThat(reused.size()).isLessThan(uids.size() / 3);
            for (String uid : uids) {
                if (reused.contains(uid)) {
                    continue;
                }
                assertThat(Arrays.equals(dataSet(stored.get(uid), scratch), onTheWire.get(uid)))
                        .as("%s arrives as storescu sent it", uid).isTrue();
            }
        }
    }

    @Test
    void rejectsAnAssociationFromAnUnknownCallingAe() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp);
             GatewayProcess gw = gateway(orthanc, OrthancPeer.freePort(), "CT01,DR01")) {
            List<Path> files = SyntheticCt.study("H001-0006", "测试^六").size(64, 64).slices(2)
                    .writeTo(temp.resolve("ct"));
            Storescu.Result result = Storescu.send("INTRUDER", gw.dicomPort, files.toArray(Path[]::new));
            assertThat(result.stored()).isEmpty();
            assertThat(String.join("\n", result.output())).contains("Association Rejected");
            assertThat(Storescu.send("DR01", gw.dicomPort, files.toArray(Path[]::new)).stored()).hasSize(2);
        }
    }

    @Test
    void losesNothingConfirmedWhenKilledWhileReceiving() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp)) {
            int port = OrthancPeer.freePort();
            Random random = new Random(11);
            Set<String> confirmed = new HashSet<>();
            Map<String, byte[]> sources = new HashMap<>();
            Path scratch = temp.resolve("scratch.dcm");
            for (int trial = 0; trial < 4; trial++) {
                List<Path> files = SyntheticCt.study("H001-1" + trial, "测试^七").size(256, 256).slices(40)
                        .writeTo(temp.resolve("ct" + trial));
                for (Path f : files) {
                    sources.put(DicomInstance.readHeader(f).identity().sopInstanceUid(), Files.readAllBytes(f));
                }
                Storescu.Result result;
                try (GatewayProcess gw = gateway(orthanc, port, "")) {
                    var sending = CompletableFuture.supplyAsync(() -> {
                        try {
                            return Storescu.send("CT01", port, files.toArray(Path[]::new));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    // killed while the study arrives: once a random number of its instances are
                    // spooled, with at least ten still to come (a fixed delay missed the transfer
                    // on a fast machine)
                    int killAfter = 1 + random.nextInt(files.size() - 10);
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (gw.spooledCount() < killAfter && !sending.isDone() && System.nanoTime() < giveUp) {
                        Thread.sleep(1);
                    }
                    gw.kill();
                    result = sending.get();
                }
                for (Path f : result.stored()) {
                    confirmed.add(DicomInstance.readHeader(f).identity().sopInstanceUid());
                }
            }
            try (GatewayProcess gw = gateway(orthanc, port, "")) {
                assertThat(GatewayProcess.awaitQueueEmpty(temp.resolve("spool"), 180)).isTrue();
            }
            Map<String, byte[]> stored = orthanc.instances();
            assertThat(stored.keySet()).as("every confirmed instance reached the centre").containsAll(confirmed);
            assertThat(sources.keySet()).containsAll(stored.keySet());
            for (var e : stored.entrySet()) {
                assertThat(dataSet(e.getValue(), scratch)).isEqualTo(dataSet(sources.get(e.getKey()), scratch));
            }
            assertThat(confirmed.size()).as("some were confirmed before the kills").isPositive();
            assertThat(confirmed.size()).as("and some were cut off").isLessThan(sources.size());
        }
    }
}
