package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.net.pdu.AAbort;
import cn.qianli.dicom.net.pdu.AAssociateAc;
import cn.qianli.dicom.net.pdu.AAssociateRj;
import cn.qianli.dicom.net.pdu.Pdu;
import cn.qianli.dicom.net.pdu.PresentationContextRq;
import cn.qianli.dicom.net.pdu.Pdv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted hostile peers: each gets the right rejection or abort within the configured timeouts,
 * memory stays bounded, and the server goes on serving others (an echo succeeds afterwards).
 */
class HostilePeerTests {

    private static final long TWO_GIB = 0x8000_0000L;

    @TempDir
    Path spool;

    private DicomServer server;

    private DicomServer start(ServerConfig config) throws Exception {
        server = DicomServer.builder(config).onStore(new RecordingStore()).start();
        return server;
    }

    private ServerConfig config() {
        return ServerConfig.defaults("QIANLI_TEST", spool).withBindAddress("127.0.0.1", 0)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The server still serves a well-behaved peer. */
    private void assertStillServes() throws Exception {
        try (ClientAssociation association = DicomClient.connect(ClientConfig.defaults("GOOD"), "127.0.0.1",
                server.port(), "QIANLI_TEST", List.of(ProposedContext.verification()))) {
            assertThat(association.echo().isSuccess()).isTrue();
        }
    }

    /** Waits until the server has noticed that the test's peers are gone (bounded, for a failing test). */
    private void awaitNoAssociations() throws InterruptedException {
        for (int i = 0; i < 2000 && server.activeAssociations() > 0; i++) {
            Thread.sleep(10);
        }
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void abortsPdusClaimingTwoGibibytesWithoutAllocatingThem() throws Exception {
        start(config().withMaxAssociations(16));
        long before = usedHeap();
        int peers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(peers);
        try {
            List<Future<Pdu>> answers = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                boolean beforeAssociation = i % 2 == 0;
                answers.add(pool.submit((Callable<Pdu>) () -> {
                    try (FakePeer peer = new FakePeer(server.port())) {
                        if (beforeAssociation) {
                            peer.send(FakePeer.header(Pdu.A_ASSOCIATE_RQ, TWO_GIB));
                        } else {
                            assertThat(peer.associate("HOSTILE", "QIANLI_TEST", List.of(FakePeer.verification(1))))
                                    .isInstanceOf(AAssociateAc.class);
                            peer.send(FakePeer.header(Pdu.P_DATA_TF, TWO_GIB));
                        }
                        peer.send(new byte[1024]);
                        Pdu answer = peer.next();
                        assertThat(peer.closedByServer()).isTrue();
                        return answer;
                    }
                }));
            }
            for (Future<Pdu> answer : answers) {
                assertThat(answer.get()).isEqualTo(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(usedHeap() - before).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
        assertStillServes();
    }

    @Test
    void closesAPeerThatConnectsAndSendsNothing() throws Exception {
        start(config());
        try (FakePeer peer = new FakePeer(server.port())) {
            assertThat(peer.closedByServer()).isTrue();
        }
        assertStillServes();
    }

    @Test
    void closesAPeerThatTricklesItsAssociateRequestPastArtim() throws Exception {
        start(config().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        try (FakePeer peer = new FakePeer(server.port())) {
            peer.send(FakePeer.header(Pdu.A_ASSOCIATE_RQ, 1000));
            boolean closed = false;
            for (int i = 0; i < 200 && !closed; i++) {
                try {
                    peer.send(new byte[1]);
                    Thread.sleep(50);
                } catch (java.io.IOException e) {
                    closed = true;
                }
            }
            assertThat(closed || peer.closedByServer()).isTrue();
        }
        assertStillServes();
    }

    @Test
    void abortsAPeerThatStopsInsideAPdu() throws Exception {
        start(config());
        try (FakePeer peer = new FakePeer(server.port())) {
            assertThat(peer.associate("HOSTILE", "QIANLI_TEST", List.of(FakePeer.verification(1))))
                    .isInstanceOf(AAssociateAc.class);
            peer.send(FakePeer.header(Pdu.P_DATA_TF, 1000));
            peer.send(new byte[] {0, 0, 0, 100, 1, 3, 0, 0});
            assertThat(peer.next()).isInstanceOf(AAbort.class);
            assertThat(peer.closedByServer()).isTrue();
        }
        assertStillServes();
    }

    @Test
    void rejectsUnknownCallingAe() throws Exception {
        start(config().withAllowedCallingAeTitles(Set.of("GOOD")));
        try (FakePeer peer = new FakePeer(server.port())) {
            Pdu answer = peer.associate("STRANGER", "QIANLI_TEST", List.of(FakePeer.verification(1)));
            assertThat(answer).isEqualTo(AAssociateRj.callingAeTitleNotRecognized());
            assertThat(peer.closedByServer()).isTrue();
        }
        assertStillServes();
    }

    @Test
    void rejectsWrongCalledAeWhenChecked() throws Exception {
        start(config().withCheckCalledAeTitle(true));
        try (FakePeer peer = new FakePeer(server.port())) {
            Pdu answer = peer.associate("SOMEONE", "NOT_US", List.of(FakePeer.verification(1)));
            assertThat(answer).isEqualTo(AAssociateRj.calledAeTitleNotRecognized());
        }
        assertStillServes();
    }

    @Test
    void rejectsAssociationsBeyondTheLimitAsTransient() throws Exception {
        start(config().withMaxAssociations(2).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        try (FakePeer first = new FakePeer(server.port()); FakePeer second = new FakePeer(server.port());
             FakePeer third = new FakePeer(server.port())) {
            assertThat(first.associate("ONE", "QIANLI_TEST", List.of(FakePeer.verification(1))))
                    .isInstanceOf(AAssociateAc.class);
            assertThat(second.associate("TWO", "QIANLI_TEST", List.of(FakePeer.verification(1))))
                    .isInstanceOf(AAssociateAc.class);
            Pdu answer = third.associate("THREE", "QIANLI_TEST", List.of(FakePeer.verification(1)));
            assertThat(answer).isEqualTo(AAssociateRj.localLimitExceeded());
            AAssociateRj rj = (AAssociateRj) answer;
            assertThat(rj.result()).isEqualTo(AAssociateRj.RESULT_REJECTED_TRANSIENT);
            assertThat(rj.reason()).isEqualTo(AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED);
        }
        awaitNoAssociations();
        assertStillServes();
    }

    @Test
    void refusesAStoreWhoseSopClassIsNotItsContexts() throws Exception {
        start(config());
        try (FakePeer peer = new FakePeer(server.port())) {
            PresentationContextRq ct = new PresentationContextRq(1, Uid.CT_IMAGE_STORAGE,
                    List.of(Uid.IMPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.associate("HOSTILE", "QIANLI_TEST", List.of(ct))).isInstanceOf(AAssociateAc.class);
            Command store = Command.request(Command.C_STORE_RQ, 1, Uid.MR_IMAGE_STORAGE, true);
            store.setString(Command.AffectedSOPInstanceUID, "1.2.3.4");
            peer.sendCommand(1, store);
            peer.sendDataSet(1, new byte[] {8, 0, 0x18, 0, 2, 0, 0, 0, '1', 0});
            Pdv pdv = (Pdv) peer.next();
            byte[] bytes = new byte[pdv.length()];
            peer.input().readPdvValueFully(bytes, 0, bytes.length);
            assertThat(Command.decode(bytes, bytes.length).status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED.code());
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
        assertStillServes();
    }

    @Test
    void refusesASopInstanceUidFullOfDotDotSlashAndWritesNothing() throws Exception {
        start(config());
        String evil = "../../../../../tmp/qianli-evil";
        try (FakePeer peer = new FakePeer(server.port())) {
            PresentationContextRq ct = new PresentationContextRq(1, Uid.CT_IMAGE_STORAGE,
                    List.of(Uid.IMPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.associate("HOSTILE", "QIANLI_TEST", List.of(ct, FakePeer.verification(3))))
                    .isInstanceOf(AAssociateAc.class);
            Command store = Command.request(Command.C_STORE_RQ, 7, Uid.CT_IMAGE_STORAGE, true);
            store.setString(Command.AffectedSOPInstanceUID, evil);
            peer.sendCommand(1, store);
            peer.sendDataSet(1, new byte[] {8, 0, 0x18, 0, 2, 0, 0, 0, '1', 0});
            Pdv pdv = (Pdv) peer.next();
            byte[] bytes = new byte[pdv.length()];
            peer.input().readPdvValueFully(bytes, 0, bytes.length);
            Command response = Command.decode(bytes, bytes.length);
            assertThat(response.commandField()).isEqualTo(Command.C_STORE_RSP);
            assertThat(response.status()).isEqualTo(Status.CANNOT_UNDERSTAND.code());
            assertThat(response.getString(Command.ErrorComment)).contains("not a valid UID");
            assertThat(response.getTags(Command.OffendingElement)).containsExactly(Command.AffectedSOPInstanceUID);

            peer.sendCommand(3, Command.request(Command.C_ECHO_RQ, 8, Uid.VERIFICATION, false));
            pdv = (Pdv) peer.next();
            bytes = new byte[pdv.length()];
            peer.input().readPdvValueFully(bytes, 0, bytes.length);
            assertThat(Command.decode(bytes, bytes.length).status()).isEqualTo(Status.SUCCESS.code());
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
        assertThat(Path.of("/tmp/qianli-evil")).doesNotExist();
        assertStillServes();
    }
}
