package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.Tokens;
import cn.qianli.centre.audit.AuditTrail;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.DicomInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A request's parts are stored in groups; each part still gets its own outcome and audit entry, in order. */
class StowGroupTests extends StowTest {

    @Autowired
    AuditTrail audit;

    @Test
    void storesARequestOfMorePartsThanOneGroupHoldsAndAuditsEveryInstance() throws Exception {
        int slices = StowGroup.MAX_PARTS + 7;
        List<Path> files = newStudy(slices, 16, "Li^Na");
        Stow.Answer answer = Stow.files(http, Tokens.user("clinic1"), files);

        assertThat(answer.status()).isEqualTo(200);
        List<String> sops = new ArrayList<>();
        for (Path f : files) {
            sops.add(sop(f));
        }
        assertThat(answer.referenced()).containsExactlyElementsOf(sops);
        String study = DicomInstance.readHeader(files.get(0)).identity().studyInstanceUid();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertThat(jdbc.queryForObject("SELECT number_of_instances || ' ' || number_of_series FROM study"
                + " WHERE study_instance_uid = ?", String.class, study)).isEqualTo(slices + " 1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM instance i JOIN series se ON se.pk = i.series_pk"
                + " JOIN study st ON st.pk = se.study_pk WHERE st.study_instance_uid = ?", Integer.class, study))
                .isEqualTo(slices);
        assertThat(jdbc.queryForList("SELECT sop_instance_uid FROM audit_event WHERE action = 'STOW instance'"
                + " AND study_instance_uid = ? AND outcome = 'success' ORDER BY seq", String.class, study))
                .containsExactlyElementsOf(sops);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void decidesEachPartOfAMixedRequestOnItsOwnAndInItsOrder() throws Exception {
        List<Path> files = newStudy(4, 16, "Li^Na");
        String token = Tokens.user("clinic1");
        // b and c are stored first; then a request of a, b again, c with other bytes, d, and a again
        assertThat(Stow.files(http, token, List.of(files.get(1), files.get(2))).status()).isEqualTo(200);
        byte[] otherC = Files.readAllBytes(files.get(2));
        otherC[otherC.length - 1] ^= 0x33;
        byte[] a = Files.readAllBytes(files.get(0));
        Stow.Answer answer = Stow.send(http, "/dicom-web/studies", token, Stow.CONTENT_TYPE, Stow.body(List.of(
                a, Files.readAllBytes(files.get(1)), otherC, Files.readAllBytes(files.get(3)), a)));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.referenced()).containsExactly(sop(files.get(0)), sop(files.get(1)), sop(files.get(3)),
                sop(files.get(0)));
        assertThat(answer.failureReasons()).containsExactly(DUPLICATE_SOP_INSTANCE);
        String study = DicomInstance.readHeader(files.get(0)).identity().studyInstanceUid();
        List<String> trail = new JdbcTemplate(db).queryForList("""
                SELECT outcome || ' ' || detail FROM audit_event WHERE action = 'STOW instance'
                   AND study_instance_uid = ? ORDER BY seq""", String.class, study);
        assertThat(trail).containsExactly("success stored", "success stored",
                "success stored", "success already stored",
                "conflict a different instance with this SOP Instance UID is already stored", "success stored",
                "success already stored");
        assertThat(new JdbcTemplate(db).queryForObject("SELECT number_of_instances FROM study WHERE study_instance_uid = ?",
                Integer.class, study)).isEqualTo(4);
    }
}
