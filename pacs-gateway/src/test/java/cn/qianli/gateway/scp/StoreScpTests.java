package cn.qianli.gateway.scp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.net.ClientAssociation;
import cn.qianli.dicom.net.ClientConfig;
import cn.qianli.dicom.net.DicomClient;
import cn.qianli.dicom.net.DicomServer;
import cn.qianli.dicom.net.ProposedContext;
import cn.qianli.dicom.net.ServerConfig;
import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.part10.Part10Header;
import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C-STORE SCP over dicom-core's server, driven by dicom-core's SCU. */
class StoreScpTests {

    @TempDir
    Path temp;

    private DicomServer server(Spool spool) throws Exception {
        return server(spool, "CT01");
    }

    private DicomServer server(Spool spool, String modality) throws Exception {
        Modalities modalities = new Modalities(List.of(modality));
        ServerConfig config = ServerConfig.defaults("QIANLI_GW", spool.incomingDirectory())
                .withBindAddress("127.0.0.1", 0).withAllowedCallingAeTitles(modalities.aeTitles())
                .withCheckCalledAeTitle(true);
        return DicomServer.builder(config).onStore(new StoreScp(spool, modalities)).start();
    }

    @Test
    void refusesAConfiguredModalityCallingFromAnotherAddress() throws Exception {
        List<Path> files = ct(1);
        Spool spool = spool(0);
        try (DicomServer server = server(spool, "CT01@192.0.2.10"); ClientAssociation association = connect(server, files)) {
            assertThatThrownBy(() -> association.store(files.get(0))).isInstanceOf(DimseException.class)
                    .satisfies(e -> assertThat(((DimseException) e).status()).isEqualTo(0x0124));
            association.release();
        }
        try (DicomServer server = server(spool, "CT01@127.0.0.1"); ClientAssociation association = connect(server, files)) {
            assertThat(association.store(files.get(0)).isSuccess()).isTrue();
            association.release();
        }
        assertThat(spool.state().queueDepth()).isEqualTo(1);
    }

    private Spool spool(long reserve) throws Exception {
        return Spool.open(temp.resolve("spool"), reserve, new DicomCoreReader(), Clock.systemUTC());
    }

    private List<Path> ct(int slices) throws Exception {
        return SyntheticCt.study("H001-0008", "测试^八").size(64, 64).slices(slices).writeTo(temp.resolve("ct"));
    }

    private static ClientAssociation connect(DicomServer server, List<Path> files) throws Exception {
        return DicomClient.connect(ClientConfig.defaults("CT01"), "127.0.0.1", server.port(), "QIANLI_GW",
                ProposedContext.forFiles(files));
    }

    private long incomingFiles() throws Exception {
        try (Stream<Path> s = Files.list(temp.resolve("spool/incoming"))) {
            return s.count();
        }
    }

    @Test
    void answersAFailureForAMalformedInstanceAndTheAssociationGoesOn() throws Exception {
        List<Path> files = ct(2);
        Path malformed = temp.resolve("malformed.dcm");
        byte[] good = Files.readAllBytes(files.get(0));
        int offset = (int) Part10Header.read(files.get(0)).dataSetOffset();
        byte[] bad = Arrays.copyOf(good, offset + 1000);
        Arrays.fill(bad, offset, bad.length, (byte) 0xFF);
        Files.write(malformed, bad);
        Spool spool = spool(0);
        try (DicomServer server = server(spool); ClientAssociation association = connect(server, files)) {
            assertThatThrownBy(() -> association.store(malformed)).isInstanceOf(DimseException.class)
                    .satisfies(e -> assertThat(((DimseException) e).status() & 0xF000).isEqualTo(0xC000));
            assertThat(association.store(files.get(1)).isSuccess()).isTrue();
            association.release();
        }
        assertThat(spool.state().queueDepth()).isEqualTo(1);
        assertThat(incomingFiles()).isZero();
    }

    @Test
    void refusesWithOutOfResourcesBelowTheFreeSpaceReserveAndAcceptsOnceThereIsRoom() throws Exception {
        List<Path> files = ct(1);
        Spool full = spool(Long.MAX_VALUE / 2);
        try (DicomServer server = server(full); ClientAssociation association = connect(server, files)) {
            assertThatThrownBy(() -> association.store(files.get(0))).isInstanceOf(DimseException.class)
                    .satisfies(e -> assertThat(((DimseException) e).status()).isEqualTo(0xA700));
            association.release();
        }
        assertThat(full.state().queueDepth()).isZero();
        assertThat(incomingFiles()).as("no half-written file").isZero();
        Spool roomy = spool(0);
        try (DicomServer server = server(roomy); ClientAssociation association = connect(server, files)) {
            assertThat(association.store(files.get(0)).isSuccess()).isTrue();
            association.release();
        }
        assertThat(roomy.state().queueDepth()).isEqualTo(1);
    }
}
