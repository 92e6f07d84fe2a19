package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingRequestTests extends ReadingTest {

    @Test
    void studyArrivingThenCompletedBecomesReadyWithEachTransitionRecorded() {
        SyntheticCt ct = storeStudy("HEAD", "头颅平扫 CT head", 2);
        ReadingRequest arriving = intake.arrived(ct.studyInstanceUid()).orElseThrow();
        long id = arriving.id();

        Answer first = get("/api/reading/" + id, "radiologist1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("state").asString()).isEqualTo("ARRIVING");
        assertThat(first.body().path("numberOfInstances").asInt()).isEqualTo(2);
        assertThat(first.body().path("procedure").asString()).isEqualTo("头颅平扫 CT head");
        assertThat(first.body().path("modality").asString()).isEqualTo("CT");
        assertThat(first.body().path("bodyPart").asString()).isEqualTo("HEAD");

        Instant completedAt = clock.advance(Duration.ofMinutes(3));
        intake.completed(ct.studyInstanceUid(), 2);
        intake.completed(ct.studyInstanceUid(), 2);

        Answer ready = get("/api/reading/" + id, "clinic1");
        assertThat(ready.body().path("state").asString()).isEqualTo("READY");
        assertThat(ready.body().path("expectedInstances").asInt()).isEqualTo(2);
        assertThat(Instant.parse(ready.body().path("stateChangedAt").asString())).isEqualTo(completedAt);

        Answer transitions = get("/api/reading/" + id + "/transitions", "radiologist1");
        assertThat(transitions.body()).hasSize(2);
        assertThat(transitions.body().path(0).path("to").asString()).isEqualTo("ARRIVING");
        assertThat(Instant.parse(transitions.body().path(0).path("at").asString())).isEqualTo(MONDAY_10_00);
        assertThat(transitions.body().path(1).path("from").asString()).isEqualTo("ARRIVING");
        assertThat(transitions.body().path(1).path("to").asString()).isEqualTo("READY");
        assertThat(transitions.body().path(1).path("actor").asString()).isEqualTo("diagnosis-service");
        assertThat(Instant.parse(transitions.body().path(1).path("at").asString())).isEqualTo(completedAt);
    }

    @Test
    void clinicEditsTheClinicalInformationOfItsOwnHospitalOnly() {
        long id = readyStudy("CHEST", 1);
        Answer edited = put("/api/reading/" + id + "/clinical-information", "clinic1", json(Map.of(
                "history", "咳嗽两周，发热 <script>alert(1)</script>", "question", "肺炎?", "urgency", "urgent",
                "requestingDoctor", "王医生")));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("history").asString()).isEqualTo("咳嗽两周，发热 <script>alert(1)</script>");
        assertThat(edited.body().path("priority").asString()).isEqualTo("URGENT");

        Answer other = put("/api/reading/" + id + "/clinical-information", "clinic2", json(Map.of("history", "x")));
        assertThat(other.status()).isEqualTo(404);
        assertThat(get("/api/reading/" + id, "clinic2").status()).isEqualTo(404);
        assertThat(get("/api/reading/" + id, "clinic1").body().path("history").asString()).startsWith("咳嗽两周");
    }

    @Test
    void rejectsOversizedClinicalTextAndUnknownUrgencyChangingNothing() {
        long id = readyStudy("CHEST", 1);
        Answer tooLong = put("/api/reading/" + id + "/clinical-information", "clinic1",
                json(Map.of("history", "病".repeat(5000))));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.code()).isEqualTo("text-too-long");
        Answer urgency = put("/api/reading/" + id + "/clinical-information", "clinic1",
                json(Map.of("urgency", "yesterday")));
        assertThat(urgency.status()).isEqualTo(400);
        Answer notJson = put("/api/reading/" + id + "/clinical-information", "clinic1", "{history:");
        assertThat(notJson.status()).isEqualTo(400);
        Answer now = get("/api/reading/" + id, "clinic1");
        assertThat(now.body().path("history").asString()).isEmpty();
        assertThat(now.body().path("priority").asString()).isEqualTo("ROUTINE");
    }

    @Test
    void claimingBeforeTheStudyIsCompleteIsAStateConflict() {
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 1);
        long id = intake.arrived(ct.studyInstanceUid()).orElseThrow().id();
        Answer claim = post("/api/reading/" + id + "/claim", "radiologist1", null);
        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.code()).isEqualTo("state-conflict");
        assertThat(get("/api/reading/" + id, "radiologist1").body().path("state").asString()).isEqualTo("ARRIVING");
    }

    @Test
    void unknownRequestIsNotFound() {
        assertThat(get("/api/reading/987654321", "radiologist1").status()).isEqualTo(404);
        assertThat(post("/api/reading/987654321/claim", "radiologist1", null).status()).isEqualTo(404);
        assertThat(get("/api/reading/studies/1.2.3.4.999", "radiologist1").status()).isEqualTo(404);
        assertThat(get("/api/reading/studies/not-a-uid", "radiologist1").status()).isEqualTo(400);
    }

    @Test
    void auditorsAndGatewaysSeeNoReadingRequests() {
        long id = readyStudy("CHEST", 1);
        assertThat(get("/api/reading/" + id, "auditor1").status()).isEqualTo(403);
        assertThat(get("/api/reading/worklist", "clinic1").status()).isEqualTo(403);
    }
}
