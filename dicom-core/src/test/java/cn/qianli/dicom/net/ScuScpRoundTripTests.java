package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.part10.FileMetaInformation;
import cn.qianli.dicom.part10.Part10Exception;
import cn.qianli.dicom.part10.Part10Header;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our SCU against our SCP over loopback. */
class ScuScpRoundTripTests {

    @TempDir
    Path spool;

    private ServerConfig config() {
        return ServerConfig.defaults("QIANLI_TEST", spool).withBindAddress("127.0.0.1", 0);
    }

    private static ClientAssociation connect(DicomServer server, List<ProposedContext> contexts) throws Exception {
        return DicomClient.connect(ClientConfig.defaults("TEST_SCU"), "127.0.0.1", server.port(), "QIANLI_TEST",
                contexts);
    }

    @Test
    void echoSucceeds() throws Exception {
        try (DicomServer server = DicomServer.builder(config()).start();
             ClientAssociation association = connect(server, List.of(ProposedContext.verification()))) {
            assertThat(association.echo().isSuccess()).isTrue();
            assertThat(association.echo().isSuccess()).isTrue();
            association.release();
            assertThat(association.isOpen()).isFalse();
        }
    }

    @Test
    void stoppingTheServerEndsItsAssociations() throws Exception {
        DicomServer server = DicomServer.builder(config()).start();
        try (ClientAssociation association = connect(server, List.of(ProposedContext.verification()))) {
            assertThat(association.echo().isSuccess()).isTrue();
            server.close();
            assertThatThrownBy(association::echo).isInstanceOf(java.io.IOException.class);
        } finally {
            server.close();
        }
    }

    @Test
    void storesEverySampleByteIdenticalInItsOwnTransferSyntax() throws Exception {
        List<Path> files = Samples.part10();
        RecordingStore store = new RecordingStore();
        List<String> expected = new ArrayList<>();
        try (DicomServer server = DicomServer.builder(config()).onStore(store).start()) {
            for (int from = 0; from < files.size(); from += 60) {
                List<Path> batch = files.subList(from, Math.min(files.size(), from + 60));
                try (ClientAssociation association = connect(server, ProposedContext.forFiles(batch))) {
                    for (Path file : batch) {
                        if (Samples.oddLength(file)) {
                            assertThatThrownBy(() -> association.store(file)).isInstanceOf(Part10Exception.class)
                                    .hasMessageContaining("odd length");
                            continue;
                        }
                        assertThat(association.store(file).isSuccess()).as(file.toString()).isTrue();
                        expected.add(Samples.sentDigest(file));
                    }
                }
            }
        }
        assertThat(store.digests()).containsExactlyElementsOf(expected);
        for (RecordingStore.Stored s : store.stored) {
            Part10Header header = Part10Header.read(s.instance().file());
            assertThat(header.meta().transferSyntaxUid()).isEqualTo(s.instance().transferSyntaxUid());
            assertThat(header.meta().mediaStorageSopInstanceUid()).isEqualTo(s.instance().sopInstanceUid());
            assertThat(header.meta().sourceAeTitle()).isEqualTo("TEST_SCU");
            assertThat(s.instance().callingAeTitle()).isEqualTo("TEST_SCU");
            assertThat(s.instance().calledAeTitle()).isEqualTo("QIANLI_TEST");
            assertThat(s.instance().remoteAddress()).startsWith("127.0.0.1:");
            assertThat(s.instance().file().getParent()).isEqualTo(spool);
            assertThat(s.instance().file().getFileName().toString()).matches("[0-9a-f-]{36}\\.dcm");
        }
    }

    @Test
    void streamsALargeDataSetThroughWithoutHoldingIt(@TempDir Path source) throws Exception {
        int pixelBytes = 96 * 1024 * 1024;
        Path file = source.resolve("large.dcm");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            FileMetaInformation.of(Uid.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.3.4.5.6", Uid.EXPLICIT_VR_LITTLE_ENDIAN,
                    "TEST").write(out);
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            header.putShort((short) (Tag.PixelData >>> 16)).putShort((short) Tag.PixelData).put((byte) 'O')
                    .put((byte) 'W').putShort((short) 0).putInt(pixelBytes);
            out.write(header.array());
            byte[] chunk = new byte[1 << 16];
            for (int i = 0; i < pixelBytes / chunk.length; i++) {
                Arrays.fill(chunk, (byte) i);
                out.write(chunk);
            }
        }
        RecordingStore store = new RecordingStore();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        try (DicomServer server = DicomServer.builder(config().withFsync(false)).onStore(store).start();
             ClientAssociation association = connect(server, ProposedContext.forFiles(List.of(file)))) {
            assertThat(association.store(file).isSuccess()).isTrue();
        }
        System.gc();
        assertThat(rt.totalMemory() - rt.freeMemory() - before).as("heap growth").isLessThan(32L * 1024 * 1024);
        assertThat(store.digests()).containsExactly(Samples.dataSetDigest(file));
        assertThat(store.stored.get(0).instance().dataSetLength()).isEqualTo(12L + pixelBytes);
    }

    @Test
    void refusesToSendOnAContextOfAnotherTransferSyntax() throws Exception {
        Path jpeg2000 = Samples.sample("JPEG2000.dcm");
        Path ct = Samples.sample("CT_small.dcm");
        String ctClass = Part10Header.read(ct).meta().mediaStorageSopClassUid();
        RecordingStore store = new RecordingStore();
        try (DicomServer server = DicomServer.builder(config()).onStore(store).start();
             ClientAssociation association = connect(server,
                     List.of(new ProposedContext(ctClass, List.of(Uid.JPEG_2000_LOSSLESS, Uid.JPEG_2000))))) {
            assertThat(association.acceptedContexts()).isNotEmpty();
            assertThatThrownBy(() -> association.store(ct)).isInstanceOf(NoPresentationContextException.class)
                    .hasMessageContaining(Uid.EXPLICIT_VR_LITTLE_ENDIAN);
            assertThatThrownBy(() -> association.store(jpeg2000)).isInstanceOf(NoPresentationContextException.class);
            assertThatThrownBy(association::echo).isInstanceOf(NoPresentationContextException.class);
            assertThat(association.isOpen()).as("nothing was sent, the association is still usable").isTrue();
        }
        assertThat(store.stored).isEmpty();
    }

    @Test
    void handlerExceptionBecomesAFailureStatusAndTheAssociationGoesOn() throws Exception {
        Path ct = Samples.sample("CT_small.dcm");
        StoreHandler failing = instance -> {
            throw new IllegalStateException("database down");
        };
        try (DicomServer server = DicomServer.builder(config()).onStore(failing).start();
             ClientAssociation association = connect(server, Stream.concat(ProposedContext.forFiles(List.of(ct)).stream(),
                     Stream.of(ProposedContext.verification())).toList())) {
            assertThatThrownBy(() -> association.store(ct)).isInstanceOfSatisfying(DimseException.class, e -> {
                assertThat(e.status()).isEqualTo(Status.UNABLE_TO_PROCESS_STORE.code());
                assertThat(e.errorComment()).contains("database down");
            });
            assertThat(association.echo().isSuccess()).isTrue();
        }
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("failed instances are deleted").isEmpty();
        }
    }

    @Test
    void handlerDimseExceptionIsTheResponse() throws Exception {
        Path ct = Samples.sample("CT_small.dcm");
        StoreHandler duplicate = instance -> {
            throw new DimseException(Status.DUPLICATE_SOP_INSTANCE, "x".repeat(100), Tag.SOPInstanceUID);
        };
        try (DicomServer server = DicomServer.builder(config()).onStore(duplicate).start();
             ClientAssociation association = connect(server, ProposedContext.forFiles(List.of(ct)))) {
            assertThatThrownBy(() -> association.store(ct)).isInstanceOfSatisfying(DimseException.class, e -> {
                assertThat(e.status()).isEqualTo(0x0111);
                assertThat(e.errorComment()).hasSize(64);
                assertThat(e.offendingElements()).containsExactly(Tag.SOPInstanceUID);
            });
        }
    }

    @Test
    void answersOutOfResourcesWhenTheSpoolCannotBeWrittenAndGoesOn() throws Exception {
        Path ct = Samples.sample("CT_small.dcm");
        RecordingStore store = new RecordingStore();
        try (DicomServer server = DicomServer.builder(config()).onStore(store).start();
             ClientAssociation association = connect(server, ProposedContext.forFiles(List.of(ct)))) {
            Files.delete(spool);
            Files.writeString(spool, "a file where the spool directory was");
            assertThatThrownBy(() -> association.store(ct)).isInstanceOfSatisfying(DimseException.class,
                    e -> assertThat(e.status()).isEqualTo(Status.OUT_OF_RESOURCES.code()));
            Files.delete(spool);
            Files.createDirectory(spool);
            assertThat(association.store(ct).isSuccess()).isTrue();
        }
        assertThat(store.stored).hasSize(1);
    }

    @Test
    void findReturnsTheHandlersMatchesWithTheRequestedKeys() throws Exception {
        FindHandler index = request -> Stream.of(
                QueryKeys.empty().with(Tag.StudyInstanceUID, "1.2.3").with(Tag.PatientName, "张^伟")
                        .with(Tag.PatientID, "P1").with(Tag.InstitutionName, "not requested"),
                QueryKeys.empty().with(Tag.StudyInstanceUID, "1.2.4").with(Tag.PatientID, "P2"));
        QueryKeys query = QueryKeys.empty().with(Tag.QueryRetrieveLevel, "STUDY").with(Tag.StudyInstanceUID, "")
                .with(Tag.PatientName, "").with(Tag.PatientID, "");
        try (DicomServer server = DicomServer.builder(config()).onFind(index).start();
             ClientAssociation association = connect(server, List.of(ProposedContext.studyRootFind()))) {
            List<QueryKeys> matches = association.find(query);
            assertThat(matches).hasSize(2);
            assertThat(matches.get(0).get(Tag.PatientName)).isEqualTo("张^伟");
            assertThat(matches.get(0).get(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
            assertThat(matches.get(0).contains(Tag.InstitutionName)).isFalse();
            assertThat(matches.get(1).get(Tag.StudyInstanceUID)).isEqualTo("1.2.4");
            assertThat(matches.get(1).get(Tag.PatientName)).isEmpty();
        }
    }

    @Test
    void findHandlerExceptionBecomesAFailureStatus() throws Exception {
        FindHandler broken = request -> {
            throw new IllegalStateException("index offline");
        };
        try (DicomServer server = DicomServer.builder(config()).onFind(broken).start();
             ClientAssociation association = connect(server, List.of(ProposedContext.studyRootFind()))) {
            assertThatThrownBy(() -> association.find(QueryKeys.empty().with(Tag.QueryRetrieveLevel, "STUDY")))
                    .isInstanceOfSatisfying(DimseException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.UNABLE_TO_PROCESS_FIND.code()));
        }
    }
}
