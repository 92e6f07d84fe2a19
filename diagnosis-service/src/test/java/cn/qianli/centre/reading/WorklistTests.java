package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorklistTests extends ReadingTest {

    @Test
    void dueTimesFollowTheConfiguredLimits() {
        long head = readyStudy("HEAD", 1);
        setUrgency(head, "stat");
        assertThat(dueAt(head)).isEqualTo(MONDAY_10_00.plus(Duration.ofMinutes(30)));

        long chest = readyStudy("CHEST", 1);
        setUrgency(chest, "stat");
        assertThat(dueAt(chest)).isEqualTo(MONDAY_10_00.plus(Duration.ofHours(1)));

        long routine = readyStudy("CHEST", 1);
        assertThat(dueAt(routine)).isEqualTo(MONDAY_10_00.plus(Duration.ofHours(24)));

        // Monday 16:30 in Shanghai: one working hour left that day, three more from 08:00 on Tuesday
        clock.set(Instant.parse("2026-11-23T08:30:00Z"));
        long outpatient = readyStudy("CHEST", 1);
        setUrgency(outpatient, "urgent");
        assertThat(dueAt(outpatient)).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));

        // Friday 17:00: half an hour on Friday, the rest on Monday
        clock.set(Instant.parse("2026-11-27T09:00:00Z"));
        long friday = readyStudy("CHEST", 1);
        setUrgency(friday, "urgent");
        assertThat(dueAt(friday)).isEqualTo(Instant.parse("2026-11-30T03:30:00Z"));
    }

    @Test
    void worklistOrdersByPriorityThenTimeLeftThenArrival() {
        long routineFirst = readyStudy("CHEST", 1);
        clock.advance(Duration.ofMinutes(5));
        long urgent = readyStudy("CHEST", 1);
        setUrgency(urgent, "urgent");
        clock.advance(Duration.ofMinutes(5));
        long statChest = readyStudy("CHEST", 1);
        setUrgency(statChest, "stat");
        clock.advance(Duration.ofMinutes(10));
        long statHead = readyStudy("HEAD", 1);
        setUrgency(statHead, "stat");
        clock.advance(Duration.ofMinutes(10));
        long routineLater = readyStudy("CHEST", 1);

        List<Long> mine = List.of(routineFirst, urgent, statChest, statHead, routineLater);
        // stat head CT due 10:50 before stat chest CT due 11:10 although it arrived later
        assertThat(order(mine)).containsExactly(statHead, statChest, urgent, routineFirst, routineLater);
    }

    @Test
    void preScreenFindingsRaiseThePriorityWithTheReasonShown() {
        long statChest = readyStudy("CHEST", 1);
        setUrgency(statChest, "stat");
        clock.advance(Duration.ofMinutes(5));
        long routine = readyStudy("HEAD", 1);
        List<Long> mine = List.of(statChest, routine);
        assertThat(order(mine)).containsExactly(statChest, routine);

        Answer denied = post("/api/reading/" + routine + "/ai-findings", "radiologist1",
                json(Map.of("priority", "stat", "reason", "x")));
        assertThat(denied.status()).isEqualTo(403);

        Answer raised = post("/api/reading/" + routine + "/ai-findings", "ai-assist",
                json(Map.of("priority", "stat", "reason", "疑似脑出血 suspected intracranial haemorrhage")));
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.body().path("priority").asString()).isEqualTo("ROUTINE");
        assertThat(raised.body().path("effectivePriority").asString()).isEqualTo("STAT");
        assertThat(raised.body().path("aiReason").asString()).contains("suspected intracranial haemorrhage");
        // stat head CT: 30 minutes from its arrival at 10:05
        assertThat(Instant.parse(raised.body().path("dueAt").asString()))
                .isEqualTo(MONDAY_10_00.plus(Duration.ofMinutes(35)));
        assertThat(order(mine)).containsExactly(routine, statChest);

        // a lower verdict never lowers the priority
        post("/api/reading/" + statChest + "/ai-findings", "ai-assist", json(Map.of("priority", "routine", "reason", "normal")));
        assertThat(get("/api/reading/" + statChest, "radiologist1").body().path("effectivePriority").asString())
                .isEqualTo("STAT");
    }

    @Test
    void filtersByStatePriorityHospitalAndDate() {
        long ready = readyStudy("CHEST", 1);
        long stat = readyStudy("HEAD", 1);
        setUrgency(stat, "stat");
        long other = readyStudyOf("gateway-h002");
        assertThat(post("/api/reading/" + ready + "/claim", "radiologist1", null).status()).isEqualTo(200);

        assertThat(ids("/api/reading/worklist?state=in_progress&limit=500")).contains(ready).doesNotContain(stat);
        assertThat(ids("/api/reading/worklist?priority=stat&limit=500")).contains(stat).doesNotContain(ready);
        assertThat(ids("/api/reading/worklist?hospital=H002&limit=500")).contains(other).doesNotContain(ready, stat);
        assertThat(ids("/api/reading/worklist?modality=CT&from=2026-11-23&to=2026-11-23&limit=500"))
                .contains(ready, stat, other);
        assertThat(ids("/api/reading/worklist?from=2026-11-24&limit=500")).doesNotContain(ready, stat, other);
        assertThat(get("/api/reading/worklist?state=sleeping", "radiologist1").status()).isEqualTo(400);
        assertThat(get("/api/reading/worklist?from=yesterday", "radiologist1").status()).isEqualTo(400);
        assertThat(get("/api/reading/worklist?limit=100000", "radiologist1").status()).isEqualTo(400);
    }

    @Test
    void assignmentRulesNarrowARadiologistsWorklist() {
        new org.springframework.jdbc.core.JdbcTemplate(ownerDb).update(
                "INSERT INTO reading_assignment (username, hospital_id, modality) VALUES (?, 'H002', '') ON CONFLICT DO NOTHING",
                Readers.SECOND);
        long h001 = readyStudy("CHEST", 1);
        long h002 = readyStudyOf("gateway-h002");
        Answer assigned = get("/api/reading/worklist?assigned=true&limit=500", Readers.SECOND);
        List<Long> ids = assigned.body().valueStream().map(r -> r.path("id").asLong()).toList();
        assertThat(ids).contains(h002).doesNotContain(h001);
        // without rules of their own a radiologist's assigned list is everything
        assertThat(ids("/api/reading/worklist?assigned=true&limit=500")).contains(h001, h002);
    }

    private long readyStudyOf(String gateway) {
        var ct = storeStudy("CHEST", "CT chest", 1, gateway);
        return intake.completed(ct.studyInstanceUid(), 1).orElseThrow().id();
    }

    private void setUrgency(long id, String urgency) {
        Answer a = put("/api/reading/" + id + "/clinical-information", "clinic1", json(Map.of("urgency", urgency)));
        assertThat(a.status()).isEqualTo(200);
    }

    private Instant dueAt(long id) {
        return Instant.parse(get("/api/reading/" + id, "radiologist1").body().path("dueAt").asString());
    }

    private List<Long> ids(String path) {
        Answer a = get(path, "radiologist1");
        assertThat(a.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode r : a.body()) {
            ids.add(r.path("id").asLong());
        }
        return ids;
    }

    /** The worklist order of {@code mine} among everything else on it. */
    private List<Long> order(List<Long> mine) {
        Set<Long> wanted = Set.copyOf(mine);
        return ids("/api/reading/worklist?limit=500").stream().filter(wanted::contains).toList();
    }
}
