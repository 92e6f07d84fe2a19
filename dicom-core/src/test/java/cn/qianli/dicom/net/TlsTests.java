package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.part10.Part10Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DICOM over TLS with a key pair made for the test by the JDK's keytool. */
class TlsTests {

    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir
    static Path keys;

    @TempDir
    Path spool;

    private static SSLContext serverContext;
    private static SSLContext clientContext;

    @BeforeAll
    static void makeKeys() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path keystore = keys.resolve("scp.p12");
        run(keytool.toString(), "-genkeypair", "-alias", "scp", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD));
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "scp", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-file", keys.resolve("scp.pem").toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    private DicomServer tlsServer(RecordingStore store) throws Exception {
        return DicomServer.builder(ServerConfig.defaults("QIANLI_TLS", spool).withBindAddress("127.0.0.1", 0)
                .withTls(new Tls(serverContext, false)).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .onStore(store).start();
    }

    @Test
    void ourScuStoresToOurScpOverTls() throws Exception {
        Path ct = Samples.sample("CT_small.dcm");
        RecordingStore store = new RecordingStore();
        ClientConfig client = ClientConfig.defaults("TLS_SCU").withTls(new Tls(clientContext, false));
        try (DicomServer server = tlsServer(store);
             ClientAssociation association = DicomClient.connect(client, "localhost", server.port(), "QIANLI_TLS",
                     List.of(ProposedContext.verification(), ProposedContext.forFiles(List.of(ct)).get(0)))) {
            assertThat(association.echo().isSuccess()).isTrue();
            assertThat(association.store(ct).isSuccess()).isTrue();
        }
        assertThat(store.digests()).containsExactly(Samples.dataSetDigest(ct));
    }

    @Test
    void plainPeerCannotAssociateWithTlsServer() throws Exception {
        try (DicomServer server = tlsServer(new RecordingStore())) {
            assertThatThrownBy(() -> DicomClient.connect(ClientConfig.defaults("PLAIN"), "127.0.0.1", server.port(),
                    "QIANLI_TLS", List.of(ProposedContext.verification()))).isInstanceOf(IOException.class);
            ClientConfig client = ClientConfig.defaults("TLS_SCU").withTls(new Tls(clientContext, false));
            try (ClientAssociation association = DicomClient.connect(client, "127.0.0.1", server.port(), "QIANLI_TLS",
                    List.of(ProposedContext.verification()))) {
                assertThat(association.echo().isSuccess()).isTrue();
            }
        }
    }

    @Test
    void storescuOverTlsStores() throws Exception {
        Dcmtk.assumeInstalled("storescu");
        Path ct = Samples.sample("CT_small.dcm");
        RecordingStore store = new RecordingStore();
        try (DicomServer server = tlsServer(store)) {
            Dcmtk.Result result = Dcmtk.run(keys, Duration.ofSeconds(30), "storescu", "+tla", "+cf",
                    keys.resolve("scp.pem").toString(), "-aet", "STORESCU", "-aec", "QIANLI_TLS", "localhost",
                    String.valueOf(server.port()), ct.toString());
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        // storescu re-encodes the data set it parsed; DcmtkInteropTests compares bytes with storescp's
        assertThat(store.stored).singleElement().satisfies(s -> assertThat(s.instance().sopInstanceUid())
                .isEqualTo(Part10Header.read(ct).meta().mediaStorageSopInstanceUid()));
    }

    @Test
    void echoscuOverTlsGetsSuccess() throws Exception {
        Dcmtk.assumeInstalled("echoscu");
        try (DicomServer server = tlsServer(new RecordingStore())) {
            Dcmtk.Result result = Dcmtk.run(keys, Duration.ofSeconds(30), "echoscu", "-v", "+tla", "+cf",
                    keys.resolve("scp.pem").toString(), "-aet", "ECHOSCU", "-aec", "QIANLI_TLS", "localhost",
                    String.valueOf(server.port()));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Received Echo Response (Success)");
        }
    }
}
