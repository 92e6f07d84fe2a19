package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** STOW-RS as docs/gateway-centre-contract.md section 1 has a gateway send it: gzip bodies, per-part digests. */
class StowGatewayContractTests extends CentreTest {

    static final int PROCESSING_FAILURE = 0x0110;

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    @Autowired
    ObjectStore store;

    @TempDir
    Path temp;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private List<byte[]> newStudy(int slices) throws IOException {
        return SyntheticCt.study("GZ-" + System.nanoTime(), "Wang^Fang").size(32, 32).slices(slices)
                .writeTo(Files.createTempDirectory(temp, "ct")).stream().map(Stow::read).toList();
    }

    private static String sop(byte[] file, Path temp) throws Exception {
        Path f = Files.createTempFile(temp, "sop", ".dcm");
        Files.write(f, file);
        return DicomInstance.readHeader(f).identity().sopInstanceUid();
    }

    /** A multipart body whose parts carry {@code Content-Digest} values (null: no header). */
    private static byte[] body(List<byte[]> parts, List<String> digests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            String digest = digests.get(i) == null ? "" : "Content-Digest: " + digests.get(i) + "\r\n";
            out.writeBytes(("--" + Stow.BOUNDARY + "\r\nContent-Type: application/dicom\r\n" + digest + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(parts.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + Stow.BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String digest(byte[] part) throws Exception {
        return "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(part)) + ":";
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    private Stow.Answer send(byte[] body, String contentEncoding) {
        var request = http.request("/dicom-web/studies", Tokens.client("gateway-h001"))
                .header("Content-Type", Stow.CONTENT_TYPE).header("Accept", "application/dicom+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return Stow.answer(http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
    }

    private byte[] stored(String sop) throws IOException {
        try (InputStream in = store.read(index.findInstance(sop).orElseThrow().objectKey())) {
            return in.readAllBytes();
        }
    }

    @Test
    void storesTheInstancesOfAGzipBodyAsTheirDecodedBytes() throws Exception {
        List<byte[]> files = newStudy(2);
        Stow.Answer answer = send(gzip(body(files, List.of(digest(files.get(0)), digest(files.get(1))))), "gzip");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.referenced()).containsExactly(sop(files.get(0), temp), sop(files.get(1), temp));
        assertThat(stored(sop(files.get(0), temp))).isEqualTo(files.get(0));
        assertThat(stored(sop(files.get(1), temp))).isEqualTo(files.get(1));
    }

    @Test
    void refusesAnEncodingItCannotDecodeWith415AndStoresNothing() throws Exception {
        List<byte[]> files = newStudy(1);
        Stow.Answer answer = send(body(files, Arrays.asList((String) null)), "br");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(index.findInstance(sop(files.get(0), temp))).isEmpty();
    }

    @Test
    void answersABodyThatIsNotGzipWith400() throws Exception {
        List<byte[]> files = newStudy(1);
        Stow.Answer answer = send(body(files, Arrays.asList((String) null)), "gzip");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(index.findInstance(sop(files.get(0), temp))).isEmpty();
    }

    @Test
    void failsOnlyThePartWhoseDigestDoesNotMatchWithProcessingFailure() throws Exception {
        List<byte[]> files = newStudy(3);
        byte[] wrongDigestFor = files.get(1).clone();
        wrongDigestFor[wrongDigestFor.length - 1] ^= 1;
        Stow.Answer answer = send(gzip(body(files, Arrays.asList(digest(files.get(0)), digest(wrongDigestFor), null))),
                "gzip");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.referenced()).containsExactly(sop(files.get(0), temp), sop(files.get(2), temp));
        assertThat(answer.failureReasons()).containsExactly(PROCESSING_FAILURE);
        assertThat(answer.body().path("00081198").path("Value").path(0).path("00081155").path("Value").path(0)
                .asString()).isEqualTo(sop(files.get(1), temp));
        assertThat(index.findInstance(sop(files.get(1), temp))).isEmpty();

        // sent again intact, it is stored
        Stow.Answer again = send(body(List.of(files.get(1)), List.of(digest(files.get(1)))), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(stored(sop(files.get(1), temp))).isEqualTo(files.get(1));
    }

    @Test
    void failsAPartWithAMalformedSha256Digest() throws Exception {
        List<byte[]> files = newStudy(1);
        Stow.Answer answer = send(body(files, List.of("sha-256=:not base64!:")), null);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(PROCESSING_FAILURE);
        assertThat(index.findInstance(sop(files.get(0), temp))).isEmpty();
    }

    @Test
    void ignoresDigestsOfOtherAlgorithms() throws Exception {
        List<byte[]> files = newStudy(1);
        Stow.Answer answer = send(body(files, List.of("sha-512=:AAAA:")), null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.referenced()).containsExactly(sop(files.get(0), temp));
    }
}
