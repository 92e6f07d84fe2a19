package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.AuditEvents;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.ArchiveSnapshot;
import cn.qianli.centre.dicomweb.Stow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may store, and for which hospital; each request and each instance refused or stored in the audit trail. */
class StowTenancyTests extends StowTest {

    List<Path> slices;

    @BeforeEach
    void twoSlicesOfANewStudy() throws Exception {
        slices = newStudy(2, 16, "Li^Na=李^娜");
    }

    private String hospitalOf(Path file) throws Exception {
        return index.findInstance(sop(file)).orElseThrow().hospitalId();
    }

    /** "actor action [sop] outcome" of each audit entry of {@code actor} after {@code seq}, once {@code count} are there. */
    private List<String> auditedSince(long seq, String actor, int count) throws InterruptedException {
        return AuditEvents.since(db, seq, actor, count).stream().map(AuditEvents.Entry::summary).toList();
    }

    @Test
    void clinicStoresForItsOwnHospital() throws Exception {
        long seq = AuditEvents.lastSeq(db);
        assertThat(Stow.files(http, Tokens.user("clinic2"), slices).status()).isEqualTo(200);
        assertThat(hospitalOf(slices.get(0))).isEqualTo("H002");
        assertThat(auditedSince(seq, "clinic2", 3)).containsExactly("clinic2 STOW instance " + sop(slices.get(0)) + " success",
                "clinic2 STOW instance " + sop(slices.get(1)) + " success", "clinic2 POST /dicom-web/studies success");
    }

    @Test
    void gatewayStoresForItsOwnHospital() throws Exception {
        assertThat(Stow.files(http, Tokens.client("gateway-h001"), slices).status()).isEqualTo(200);
        assertThat(hospitalOf(slices.get(1))).isEqualTo("H001");
    }

    @Test
    void clinicMayNotAddToAnotherHospitalsStudy() throws Exception {
        assertThat(Stow.files(http, Tokens.user("clinic1"), List.of(slices.get(0))).status()).isEqualTo(200);
        ArchiveSnapshot before = ArchiveSnapshot.take(db, store);

        long seq = AuditEvents.lastSeq(db);
        Stow.Answer answer = Stow.files(http, Tokens.user("clinic2"), List.of(slices.get(1)));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(StowTests.NOT_AUTHORIZED);
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
        assertThat(auditedSince(seq, "clinic2", 2)).containsExactly("clinic2 STOW instance " + sop(slices.get(1)) + " denied",
                "clinic2 POST /dicom-web/studies conflict");
    }

    @Test
    void gatewayMayNotResendAnotherHospitalsInstance() throws Exception {
        assertThat(Stow.files(http, Tokens.client("gateway-h001"), slices).status()).isEqualTo(200);
        ArchiveSnapshot before = ArchiveSnapshot.take(db, store);

        Stow.Answer answer = Stow.files(http, Tokens.client("gateway-h002"), slices);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.failureReasons()).containsExactly(StowTests.NOT_AUTHORIZED, StowTests.NOT_AUTHORIZED);
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
    }

    @Test
    void gatewayTokenNamingAnotherHospitalThanItsRegistrationIsRefused() throws Exception {
        String forged = Tokens.keycloak().reissue(Tokens.client("gateway-h001"), c -> c.put("hospital_id", "H002"));
        ArchiveSnapshot before = ArchiveSnapshot.take(db, store);
        long seq = AuditEvents.lastSeq(db);
        Stow.Answer answer = Stow.files(http, forged, slices);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
        assertThat(auditedSince(seq, "gateway-h001", 1)).containsExactly("gateway-h001 POST /dicom-web/studies denied");
    }

    @Test
    void rolesThatDoNotSendImagesMayNotStore() throws Exception {
        ArchiveSnapshot before = ArchiveSnapshot.take(db, store);
        for (String who : new String[] {"radiologist1", "auditor1", "ai-assist"}) {
            long seq = AuditEvents.lastSeq(db);
            Stow.Answer answer = Stow.files(http, who.equals("ai-assist") ? Tokens.client(who) : Tokens.user(who), slices);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.problemCode()).isEqualTo("forbidden");
            assertThat(auditedSince(seq, who, 1)).containsExactly(who + " POST /dicom-web/studies denied");
        }
        assertThat(ArchiveSnapshot.take(db, store)).isEqualTo(before);
    }

    @Test
    void anonymousMayNotStore() throws Exception {
        long seq = AuditEvents.lastSeq(db);
        Stow.Answer answer = Stow.files(http, null, slices);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(index.findInstance(sop(slices.get(0)))).isEmpty();
        assertThat(auditedSince(seq, "anonymous", 1)).containsExactly("anonymous POST /dicom-web/studies denied");
    }
}
