package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.StoredInstance;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every sample file through STOW-RS: stored byte for byte, or refused with a clear reason. */
class StowSamplesTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    @Autowired
    ObjectStore store;

    @Autowired
    DataSource dataSource;

    private static final String CLINIC1_HOSPITAL = "H001";

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
            InstanceIdentity id;
            try {
                id = DicomInstance.read(file).identity();
            } catch (DicomFormatException e) {
                id = null;
            }
            String sop = id == null ? null : id.sopInstanceUid();
            // several sample files share a SOP Instance UID with other bytes, and other test classes store
            // some samples first (some for other hospitals): what is already stored decides the answer
            var before = sop == null ? null : index.findInstance(sop).orElse(null);
            int refusal = id == null ? 0 : expectedRefusal(id, before, sha256(bytes));
            Stow.Answer answer = Stow.files(http, Tokens.user("clinic1"), List.of(file));
            if (sop == null) {
                assertThat(answer.status()).as(file.toString()).isEqualTo(409);
                assertThat(answer.failureReasons()).as(file.toString()).containsExactly(StowTests.CANNOT_UNDERSTAND);
                continue;
            }
            if (refusal == 0) {
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
                assertThat(answer.failureReasons()).as(file.toString()).containsExactly(refusal);
                assertThat(index.findInstance(sop)).as(file.toString()).isEqualTo(java.util.Optional.ofNullable(before));
            }
        }
        assertThat(stored).isGreaterThan(20);
    }

    /** 0 when the file is to be stored (or is already, byte for byte), else the expected Failure Reason. */
    private int expectedRefusal(InstanceIdentity id, StoredInstance before, String sha) {
        if (before != null) {
            return !before.hospitalId().equals(CLINIC1_HOSPITAL) ? StowTests.NOT_AUTHORIZED
                    : before.sha256().equals(sha) ? 0 : StowTests.DUPLICATE_SOP_INSTANCE;
        }
        if (index.studyHospital(id.studyInstanceUid()).filter(h -> !h.equals(CLINIC1_HOSPITAL)).isPresent()) {
            return StowTests.NOT_AUTHORIZED;
        }
        List<String> seriesStudy = new JdbcTemplate(dataSource).queryForList("""
                SELECT st.study_instance_uid FROM series se JOIN study st ON st.pk = se.study_pk
                WHERE se.series_instance_uid = ?""", String.class, id.seriesInstanceUid());
        return seriesStudy.isEmpty() || seriesStudy.get(0).equals(id.studyInstanceUid()) ? 0 : StowTests.NOT_AUTHORIZED;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
