package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a gateway's STOW-RS and {@code POST /api/gateway/studies/{study}/complete} do to the reading
 * workflow (docs/gateway-centre-contract.md section 2), with the realm's real gateway tokens.
 */
class GatewayStudyCompleteTests extends ReadingTest {

    @Autowired
    ReadingRequests requests;

    private Answer complete(String gateway, String study, String json) {
        return post("/api/gateway/studies/" + study + "/complete", gateway, json);
    }

    @Test
    void storingAStudyMakesItsReadingRequestArriveWithoutAnyoneAsking() {
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 1);
        assertThat(requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow().state())
                .isEqualTo(ReadingState.ARRIVING);
    }

    @Test
    void studyCompleteFromTheHospitalsGatewayTurnsTheRequestReady() {
        SyntheticCt ct = storeStudy("HEAD", "CT head", 2);
        Answer done = complete("gateway-h001", ct.studyInstanceUid(), "{\"instances\": 2, \"hospitalId\": \"H001\"}");
        assertThat(done.status()).isEqualTo(204);
        ReadingRequest ready = requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow();
        assertThat(ready.state()).isEqualTo(ReadingState.READY);
        assertThat(get("/api/reading/" + ready.id(), "radiologist1").body().path("expectedInstances").asInt())
                .isEqualTo(2);
        // sent again with the same count: nothing changes
        assertThat(complete("gateway-h001", ct.studyInstanceUid(), "{\"instances\": 2}").status()).isEqualTo(204);
        assertThat(requests.transitions(ready.id())).extracting(Transition::to)
                .containsExactly(ReadingState.ARRIVING, ReadingState.READY);
    }

    @Test
    void refusesStudyCompleteFromAnotherHospitalsGatewayChangingNothing() {
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 1);
        Answer other = complete("gateway-h002", ct.studyInstanceUid(), "{\"instances\": 1, \"hospitalId\": \"H002\"}");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("other-hospital");
        Answer claimsOther = complete("gateway-h002", ct.studyInstanceUid(), "{\"instances\": 1, \"hospitalId\": \"H001\"}");
        assertThat(claimsOther.status()).isEqualTo(403);
        assertThat(requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow().state())
                .isEqualTo(ReadingState.ARRIVING);
    }

    @Test
    void refusesStudyCompleteFromCallersThatAreNoGateway() {
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 1);
        assertThat(complete("clinic1", ct.studyInstanceUid(), "{\"instances\": 1}").status()).isEqualTo(403);
        assertThat(complete("radiologist1", ct.studyInstanceUid(), "{\"instances\": 1}").status()).isEqualTo(403);
        assertThat(requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow().state())
                .isEqualTo(ReadingState.ARRIVING);
    }

    @Test
    void acceptsStudyCompleteForAStudyNotYetArrivedWithoutCreatingARequest() {
        assertThat(complete("gateway-h001", "1.2.826.0.1.3680043.10.1.999." + System.nanoTime(), "{\"instances\": 3}")
                .status()).isEqualTo(202);
    }

    @Test
    void refusesMalformedStudyCompleteRequests() {
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 1);
        assertThat(complete("gateway-h001", "not-a-uid", "{\"instances\": 1}").status()).isEqualTo(400);
        assertThat(complete("gateway-h001", ct.studyInstanceUid(), "{\"instances\": -1}").status()).isEqualTo(400);
        assertThat(complete("gateway-h001", ct.studyInstanceUid(), "[1]").status()).isEqualTo(400);
    }
}
