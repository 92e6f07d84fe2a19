package cn.qianli.centre.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.centre.reading.ReadingTest;
import cn.qianli.centre.reading.Readers;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ReportTests extends ReadingTest {

    static final String FINDINGS = "左侧基底节区见片状高密度影，约 2.1cm×1.5cm，周围见低密度水肿带。";
    static final String IMPRESSION = "左侧基底节区脑出血，建议复查。";

    @Test
    void wholePathFromArrivalToAFinalReportTheClinicReads() throws Exception {
        SyntheticCt ct = SyntheticCt.study("P-" + System.nanoTime(), "Li^Na=李^娜").size(16, 16).slices(3)
                .bodyPart("HEAD").studyDescription("头颅平扫");
        Path dir = Files.createTempDirectory(WORK, "whole");
        List<Path> files = ct.writeTo(dir);
        send(files.subList(0, 2));
        long id = intake.arrived(ct.studyInstanceUid()).orElseThrow().id();
        JsonNode arriving = clinicStudy(id);
        assertThat(arriving.path("progress").asString()).isEqualTo("arriving");
        assertThat(arriving.path("progressText").asString()).isEqualTo("arriving 2");

        Instant t1 = clock.advance(Duration.ofMinutes(2));
        send(files.subList(2, 3));
        intake.completed(ct.studyInstanceUid(), 3);
        deleteTree(dir);
        assertThat(clinicStudy(id).path("progress").asString()).isEqualTo("waiting");
        assertThat(put("/api/reading/" + id + "/clinical-information", "clinic1", json(Map.of("history", "突发头痛2小时",
                "question", "脑出血?", "urgency", "stat", "requestingDoctor", "张医生"))).status()).isEqualTo(200);

        Instant t2 = clock.advance(Duration.ofMinutes(3));
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(200);
        Answer draft = put("/api/reading/" + id + "/report", "radiologist1", json(draft("初稿", "", 0)));
        assertThat(draft.status()).isEqualTo(200);
        assertThat(get("/api/reading/" + id + "/report", "clinic1").status()).isEqualTo(404);
        draft = put("/api/reading/" + id + "/report", "radiologist1", json(draft(FINDINGS, IMPRESSION, 1)));
        assertThat(draft.body().path("version").asInt()).isEqualTo(2);

        Instant t3 = clock.advance(Duration.ofMinutes(4));
        Answer prelim = post("/api/reading/" + id + "/report/preliminary", "radiologist1", json(Map.of("version", 2)));
        assertThat(prelim.status()).isEqualTo(200);
        assertThat(get("/api/reading/" + id + "/report", "clinic1").body().path("status").asString())
                .isEqualTo("preliminary");

        Instant t4 = clock.advance(Duration.ofMinutes(6));
        Answer fin = post("/api/reading/" + id + "/report/final", "radiologist1",
                json(Map.of("version", prelim.body().path("version").asInt(), "signer", "radiologist1")));
        assertThat(fin.status()).isEqualTo(200);

        Answer read = get("/api/reading/" + id + "/report", "clinic1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("status").asString()).isEqualTo("final");
        assertThat(read.body().path("findings").asString()).isEqualTo(FINDINGS);
        assertThat(read.body().path("impression").asString()).isEqualTo(IMPRESSION);
        assertThat(read.body().path("finalSignedBy").asString()).isEqualTo("radiologist1");
        assertThat(Instant.parse(read.body().path("finalSignedAt").asString())).isEqualTo(t4);
        assertThat(Instant.parse(read.body().path("preliminarySignedAt").asString())).isEqualTo(t3);
        assertThat(clinicStudy(id).path("progress").asString()).isEqualTo("reported");
        Answer request = get("/api/reading/" + id, "radiologist1");
        assertThat(request.body().path("claimedBy").isNull()).isTrue();

        JsonNode transitions = get("/api/reading/" + id + "/transitions", "clinic1").body();
        assertThat(transitions).hasSize(5);
        List<String> to = transitions.valueStream().map(t -> t.path("to").asString()).toList();
        assertThat(to).containsExactly("ARRIVING", "READY", "IN_PROGRESS", "PRELIMINARY", "FINAL");
        List<Instant> at = transitions.valueStream().map(t -> Instant.parse(t.path("at").asString())).toList();
        assertThat(at).containsExactly(MONDAY_10_00, t1, t2, t3, t4);
        List<String> who = transitions.valueStream().map(t -> t.path("actor").asString()).toList();
        assertThat(who).containsExactly("diagnosis-service", "diagnosis-service", "radiologist1", "radiologist1",
                "radiologist1");
    }

    @Test
    void everyReportAccessIsInTheAuditTrailWithItsStudy() {
        long id = finalReport(false);
        String study = get("/api/reading/" + id, "radiologist1").body().path("studyInstanceUid").asString();
        get("/api/reading/" + id + "/report", "clinic1");
        get("/api/reading/" + id + "/report", "clinic2");
        Answer trail = get("/api/audit?study=" + study + "&limit=100", "auditor1");
        assertThat(trail.status()).isEqualTo(200);
        List<String> lines = trail.body().valueStream()
                .map(e -> e.path("actor").asString() + " " + e.path("action").asString() + " " + e.path("outcome").asString())
                .toList();
        assertThat(lines).contains("clinic1 read report success", "radiologist1 sign final report success",
                "radiologist1 claim success", "radiologist1 save report draft success");
        Answer denied = get("/api/audit?actor=clinic2&action=GET%20/api/reading/%7Bid%7D/report&limit=5", "auditor1");
        assertThat(denied.body().path(0).path("outcome").asString()).isEqualTo("not-found");
    }

    @Test
    void finalReportsCannotBeEditedOnlyAmended() {
        long id = finalReport(false);
        Answer edit = put("/api/reading/" + id + "/report", "radiologist1", json(draft("改", "改", 4)));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.code()).isEqualTo("report-final");
        assertThat(post("/api/reading/" + id + "/report/final", "radiologist1", json(Map.of("version", 4))).status())
                .isEqualTo(409);
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(409);

        Answer forged = post("/api/reading/" + id + "/report/addenda", Readers.SECOND,
                json(Map.of("text", "补充", "signer", "radiologist1")));
        assertThat(forged.status()).isEqualTo(403);
        Instant at = clock.advance(Duration.ofHours(2));
        Answer amended = post("/api/reading/" + id + "/report/addenda", Readers.SECOND,
                json(Map.of("text", "补充：复查CT示出血较前吸收。")));
        assertThat(amended.status()).isEqualTo(200);
        assertThat(amended.body().path("status").asString()).isEqualTo("amended");
        assertThat(amended.body().path("findings").asString()).isEqualTo(FINDINGS);
        assertThat(amended.body().path("addenda").path(0).path("signedBy").asString()).isEqualTo(Readers.SECOND);
        assertThat(Instant.parse(amended.body().path("addenda").path(0).path("signedAt").asString())).isEqualTo(at);
        assertThat(get("/api/reading/" + id, "clinic1").body().path("state").asString()).isEqualTo("AMENDED");

        JdbcTemplate owner = new JdbcTemplate(ownerDb);
        assertThatThrownBy(() -> owner.update("UPDATE report SET findings = 'x' WHERE request_id = ?", id))
                .hasMessageContaining("is final and cannot be changed");
        assertThat(get("/api/reading/" + id + "/report", "clinic1").body().path("findings").asString()).isEqualTo(FINDINGS);
    }

    @Test
    void aRadiologistCannotSignForAnother() {
        long id = readyStudy("HEAD", 1);
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        put("/api/reading/" + id + "/report", "radiologist1", json(draft(FINDINGS, IMPRESSION, 0)));

        Answer other = post("/api/reading/" + id + "/report/final", Readers.SECOND, json(Map.of("version", 1)));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("claimed-by-another");
        Answer forged = post("/api/reading/" + id + "/report/final", "radiologist1",
                json(Map.of("version", 1, "signer", Readers.SECOND)));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("signer-not-caller");
        assertThat(put("/api/reading/" + id + "/report", Readers.SECOND, json(draft("x", "y", 1))).status()).isEqualTo(409);
        assertThat(post("/api/reading/" + id + "/report/final", "clinic1", json(Map.of("version", 1))).status())
                .isEqualTo(403);

        Answer report = get("/api/reading/" + id + "/report", "radiologist1");
        assertThat(report.body().path("status").asString()).isEqualTo("draft");
        assertThat(report.body().path("findings").asString()).isEqualTo(FINDINGS);
        assertThat(get("/api/reading/" + id, "radiologist1").body().path("state").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aClinicCannotSeeAnotherHospitalsReports() {
        long id = finalReport(true);
        assertThat(get("/api/reading/" + id + "/report", "clinic1").status()).isEqualTo(200);
        Answer other = get("/api/reading/" + id + "/report", "clinic2");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body().toString()).doesNotContain(FINDINGS);
        assertThat(post("/api/reading/" + id + "/report/critical-acknowledgement", "clinic2", null).status())
                .isEqualTo(404);
        assertThat(get("/api/clinic/studies?limit=500", "clinic2").body().valueStream()
                .map(s -> s.path("requestId").asLong())).doesNotContain(id);
        assertThat(get("/api/clinic/critical-results", "clinic2").body().valueStream()
                .map(s -> s.path("requestId").asLong())).doesNotContain(id);
    }

    @Test
    void aCriticalResultWaitsForTheClinicsAcknowledgementAndEscalates() {
        long id = finalReport(true);
        JsonNode open = critical("radiologist1", id);
        assertThat(open).isNotNull();
        assertThat(open.path("criticalEscalated").asBoolean()).isFalse();
        assertThat(critical("clinic1", id)).isNotNull();
        assertThat(clinicStudy(id).path("criticalToAcknowledge").asBoolean()).isTrue();

        clock.advance(Duration.ofMinutes(31));
        assertThat(critical("radiologist1", id).path("criticalEscalated").asBoolean()).isTrue();

        Instant at = clock.advance(Duration.ofMinutes(1));
        assertThat(post("/api/reading/" + id + "/report/critical-acknowledgement", "radiologist1", null).status())
                .isEqualTo(403);
        Answer ack = post("/api/reading/" + id + "/report/critical-acknowledgement", "clinic1", null);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().path("criticalAcknowledgedBy").asString()).isEqualTo("clinic1");
        assertThat(Instant.parse(ack.body().path("criticalAcknowledgedAt").asString())).isEqualTo(at);
        clock.advance(Duration.ofMinutes(1));
        Answer again = post("/api/reading/" + id + "/report/critical-acknowledgement", "clinic1", null);
        assertThat(Instant.parse(again.body().path("criticalAcknowledgedAt").asString())).isEqualTo(at);
        assertThat(critical("radiologist1", id)).isNull();
        assertThat(clinicStudy(id).path("criticalToAcknowledge").asBoolean()).isFalse();
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long id = readyStudy("HEAD", 1);
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> 见 & 无";
        Answer saved = put("/api/reading/" + id + "/report", "radiologist1", json(draft(hostile, IMPRESSION, 0)));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("findings").asString()).isEqualTo(hostile);

        Answer tooLong = put("/api/reading/" + id + "/report", "radiologist1", json(draft("见".repeat(20_001), "", 1)));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.code()).isEqualTo("text-too-long");
        Answer stale = put("/api/reading/" + id + "/report", "radiologist1", json(draft("旧", "旧", 0)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("version-conflict");
        Answer control = put("/api/reading/" + id + "/report", "radiologist1", json(draft("a\u0000b", "", 1)));
        assertThat(control.status()).isEqualTo(400);
        Answer language = put("/api/reading/" + id + "/report", "radiologist1",
                json(Map.of("language", "fr", "version", 1)));
        assertThat(language.status()).isEqualTo(400);
        assertThat(put("/api/reading/" + id + "/report", "radiologist1", "[1,2").status()).isEqualTo(400);

        Answer addendum = post("/api/reading/" + id + "/report/addenda", "radiologist1", json(Map.of("text", "补充")));
        assertThat(addendum.status()).isEqualTo(409);
        assertThat(addendum.code()).isEqualTo("state-conflict");
        Answer missing = put("/api/reading/987654321/report", "radiologist1", json(draft("a", "b", 0)));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(post("/api/reading/987654321/report/final", "radiologist1", json(Map.of("version", 1))).status())
                .isEqualTo(404);

        Answer report = get("/api/reading/" + id + "/report", "radiologist1");
        assertThat(report.body().path("findings").asString()).isEqualTo(hostile);
        assertThat(report.body().path("version").asInt()).isEqualTo(1);
        assertThat(get("/api/reading/" + id, "radiologist1").body().path("state").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void preliminaryCannotBeSignedTwiceNorWithoutAnImpression() {
        long id = readyStudy("HEAD", 1);
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        assertThat(post("/api/reading/" + id + "/report/preliminary", "radiologist1", json(Map.of("version", 0))).status())
                .isEqualTo(409);
        put("/api/reading/" + id + "/report", "radiologist1", json(draft(FINDINGS, IMPRESSION, 0)));
        assertThat(post("/api/reading/" + id + "/report/preliminary", "radiologist1", json(Map.of("version", 1))).status())
                .isEqualTo(200);
        Answer twice = post("/api/reading/" + id + "/report/preliminary", "radiologist1", json(Map.of("version", 2)));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("state-conflict");
    }

    @Test
    void templatesOfferChineseAndEnglishNormalTexts() {
        Answer zh = get("/api/report-templates?modality=CT&bodyPart=HEAD&language=zh", "radiologist1");
        assertThat(zh.status()).isEqualTo(200);
        assertThat(zh.body().path(0).path("name").asString()).isEqualTo("头颅CT平扫 正常");
        assertThat(zh.body().path(0).path("findings").asString()).contains("脑实质");
        Answer en = get("/api/report-templates?modality=DX&bodyPart=CHEST&language=en", "radiologist1");
        assertThat(en.body().path(0).path("impression").asString()).isEqualTo("Normal chest radiograph.");
        assertThat(get("/api/report-templates", "clinic1").status()).isEqualTo(403);
    }

    /** A request of H001 with a final report by radiologist1; the report is at version 4. */
    long finalReport(boolean critical) {
        long id = readyStudy("HEAD", 1);
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(200);
        Map<String, Object> d = draft(FINDINGS, IMPRESSION, 0);
        d.put("critical", critical);
        assertThat(put("/api/reading/" + id + "/report", "radiologist1", json(d)).status()).isEqualTo(200);
        assertThat(post("/api/reading/" + id + "/report/preliminary", "radiologist1", json(Map.of("version", 1))).status())
                .isEqualTo(200);
        assertThat(post("/api/reading/" + id + "/report/final", "radiologist1", json(Map.of("version", 2))).status())
                .isEqualTo(200);
        return id;
    }

    static Map<String, Object> draft(String findings, String impression, int version) {
        Map<String, Object> d = new HashMap<>();
        d.put("findings", findings);
        d.put("impression", impression);
        d.put("language", "zh");
        d.put("version", version);
        return d;
    }

    JsonNode clinicStudy(long id) {
        Answer a = get("/api/clinic/studies?limit=500", "clinic1");
        assertThat(a.status()).isEqualTo(200);
        return a.body().valueStream().filter(s -> s.path("requestId").asLong() == id).findFirst().orElseThrow();
    }

    JsonNode critical(String user, long id) {
        String path = user.startsWith("clinic") ? "/api/clinic/critical-results" : "/api/reports/critical-unacknowledged";
        return get(path, user).body().valueStream().filter(r -> r.path("requestId").asLong() == id).findFirst()
                .orElse(null);
    }
}
