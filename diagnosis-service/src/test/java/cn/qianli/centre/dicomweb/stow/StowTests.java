package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.ArchiveSnapshot;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.DicomInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class StowTests extends StowTest {

    private List<Path> newStudy(int slices) throws IOException {
        return newStudy(slices, 32, "Zhang^Wei=张^伟");
    }

    @Test
    void storesAStudyAndAnswersWithReferencedSops() throws Exception {
        List<Path> files = newStudy(3);
        Stow.Answer answer = Stow.files(http, Tokens.user("clinic1"), files);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/dicom+json");
        assertThat(answer.referenced()).hasSize(3);
        assertThat(answer.body().path("00081190").path("Value").path(0).asString())
                .endsWith("/dicom-web/studies/" + DicomInstance.readHeader(files.get(0)).identity().studyInstanceUid());
        for (Path f : files) {
            assertThat(stored(sop(f))).isEqualTo(Files.readAllBytes(f));
            assertThat(index.findInstance(sop(f)).orElseThrow().hospitalId()).isEqualTo("H001");
        }
        String study = DicomInstance.readHeader(files.get(0)).identity().studyInstanceUid();
        assertThat(new JdbcTemplate(db).queryForObject(
                "SELECT number_of_instances || ' ' || number_of_series || ' ' || array_to_string(modalities_in_study, ',') "
                        + "FROM study WHERE study_instance_uid = ?", String.class, study)).isEqualTo("3 1 CT");
    }

    @Test
    void storingTheSameBytesTwiceIsASuccessNotADuplicate() throws Exception {
        List<Path> files = newStudy(1);
        assertThat(Stow.files(http, Tokens.user("clinic1"), files).status()).isEqualTo(200);
        Stow.Answer again = Stow.files(http, Tokens.user("clinic1"), files);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.referenced()).containsExactly(sop(files.get(0)));
        assertThat(new JdbcTemplate(db).queryForObject("SELECT count(*) FROM instance WHERE sop_instance_uid = ?",
                Integer.class, sop(files.get(0)))).isEqualTo(1);
    }

    @Test
    void otherBytesUnderAStoredSopInstanceUidAreAConflictAndLeaveItUntouched() throws Exception {
        List<Path> files = newStudy(1);
        byte[] original = Files.readAllBytes(files.get(0));
        assertThat(Stow.files(http, Tokens.user("clinic1"), files).status()).isEqualTo(200);
        byte[] altered = original.clone();
        altered[altered.length - 1] ^= 0x7F; // one pixel differs
        ArchiveSnapshot before = ArchiveSnapshot.take(db, store);

        Stow.Answer answer = Stow.send(http, "/dicom-web/studies", Tokens.user("clinic1"), Stow.CONTENT_TYPE,
                Stow.body(List.of(altered)));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(DUPLICATE_SOP_INSTANCE);
        assertThat(stored(sop(files.get(0)))).isEqualTo(original);
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
    }

    @Test
    void answers202WhenSomePartsFail() throws Exception {
        List<Path> files = newStudy(1);
        byte[] body = Stow.body(List.of(Files.readAllBytes(files.get(0)), "not dicom at all".getBytes()));
        Stow.Answer answer = Stow.send(http, "/dicom-web/studies", Tokens.user("clinic1"), Stow.CONTENT_TYPE, body);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.referenced()).containsExactly(sop(files.get(0)));
        assertThat(answer.failureReasons()).containsExactly(CANNOT_UNDERSTAND);
    }

    @Test
    void refusesInstancesOfAnotherStudyOnTheStudyUrl() throws Exception {
        List<Path> files = newStudy(1);
        Stow.Answer answer = Stow.send(http, "/dicom-web/studies/1.2.3.4", Tokens.user("clinic1"), Stow.CONTENT_TYPE,
                Stow.body(List.of(Files.readAllBytes(files.get(0)))));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(0xA900);
        assertThat(index.findInstance(sop(files.get(0)))).isEmpty();
    }

    @Test
    void recordsEachStoredInstanceInTheAuditTrail() throws Exception {
        List<Path> files = newStudy(2);
        Stow.files(http, Tokens.client("gateway-h002"), files);
        Integer entries = new JdbcTemplate(db).queryForObject("""
                SELECT count(*) FROM audit_event WHERE action = 'STOW instance' AND actor = 'gateway-h002'
                  AND hospital_id = 'H002' AND outcome = 'success' AND sop_instance_uid IN (?, ?)""",
                Integer.class, sop(files.get(0)), sop(files.get(1)));
        assertThat(entries).isEqualTo(2);
        assertThat(new JdbcTemplate(db).queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = 'POST /dicom-web/studies' AND detail LIKE 'stored 2, failed 0%'",
                Integer.class)).isPositive();
    }
}
