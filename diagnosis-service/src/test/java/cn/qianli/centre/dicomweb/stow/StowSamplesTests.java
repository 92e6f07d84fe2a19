package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every sample file through STOW-RS: stored byte for byte, or refused with a clear reason. */
class StowSamplesTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    @Autowired
    ObjectStore store;

    static List<Path> samples() throws Exception {
        Path root = Path.of(System.getProperty("qianli.root", ".")).resolve("../shared/dicom-samples");
        assumeTrue(Files.isDirectory(root), "skipped: no ../shared");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    @Test
    void storesEveryReadableSampleAndRetrievesItByteForByteAndRefusesTheRest() throws Exception {
        Http http = new Http(port);
        int stored = 0;
        for (Path file : samples()) {
            byte[] bytes = Files.readAllBytes(file);
            String sop;
            try {
                sop = DicomInstance.read(file).identity().sopInstanceUid();
            } catch (DicomFormatException e) {
                sop = null;
            }
            // several sample files share a SOP Instance UID with other bytes; other tests store some too
            var before = sop == null ? null : index.findInstance(sop).orElse(null);
            Stow.Answer answer = Stow.files(http, Tokens.user("clinic1"), List.of(file));
            if (sop == null) {
                assertThat(answer.status()).as(file.toString()).isEqualTo(409);
                assertThat(answer.failureReasons()).as(file.toString()).containsExactly(StowTests.CANNOT_UNDERSTAND);
                continue;
            }
            if (before == null || before.sha256().equals(sha256(bytes))) {
                assertThat(answer.status()).as(file.toString()).isEqualTo(200);
                assertThat(answer.referenced()).as(file.toString()).containsExactly(sop);
                var row = index.findInstance(sop).orElseThrow();
                try (InputStream in = store.read(row.objectKey())) {
                    assertThat(in.readAllBytes()).as(file.toString()).isEqualTo(bytes);
                }
                List<Wado.Part> retrieved = Wado.parts(Wado.get(http, "/dicom-web/studies/" + row.studyInstanceUid()
                        + "/series/" + row.seriesInstanceUid() + "/instances/" + sop, Tokens.user("radiologist1"), null));
                assertThat(retrieved).as(file.toString()).hasSize(1);
                assertThat(retrieved.get(0).body()).as(file.toString()).isEqualTo(bytes);
                stored++;
            } else {
                assertThat(answer.status()).as(file.toString()).isEqualTo(409);
                assertThat(answer.failureReasons()).as(file.toString()).containsExactly(StowTests.DUPLICATE_SOP_INSTANCE);
                assertThat(index.findInstance(sop).orElseThrow()).as(file.toString()).isEqualTo(before);
            }
        }
        assertThat(stored).isGreaterThan(20);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
