package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClaimTests extends ReadingTest {

    @Test
    void twoRadiologistsClaimingTheSameStudyExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            long id = readyStudy("CHEST", 1);
            token("radiologist1");
            token(Readers.SECOND);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (String user : List.of("radiologist1", Readers.SECOND)) {
                    Callable<Answer> claim = () -> {
                        start.await();
                        return post("/api/reading/" + id + "/claim", user, null);
                    };
                    answers.add(pool.submit(claim));
                }
                start.countDown();
                Answer a = answers.get(0).get();
                Answer b = answers.get(1).get();
                assertThat(List.of(a.status(), b.status())).containsExactlyInAnyOrder(200, 409);
                Answer loser = a.status() == 409 ? a : b;
                String winner = a.status() == 200 ? "radiologist1" : Readers.SECOND;
                assertThat(loser.code()).isEqualTo("claimed-by-another");
                Answer now = get("/api/reading/" + id, "radiologist1");
                assertThat(now.body().path("claimedBy").asString()).isEqualTo(winner);
                assertThat(now.body().path("state").asString()).isEqualTo("IN_PROGRESS");
                // one transition into in progress, by the winner
                Answer transitions = get("/api/reading/" + id + "/transitions", "radiologist1");
                assertThat(transitions.body()).hasSize(3);
                assertThat(transitions.body().path(2).path("actor").asString()).isEqualTo(winner);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aLiveClaimIsVisibleToOthersAndHeld() {
        long id = readyStudy("CHEST", 1);
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(200);
        Answer seen = get("/api/reading/" + id, Readers.SECOND);
        assertThat(seen.body().path("claimedBy").asString()).isEqualTo("radiologist1");
        assertThat(seen.body().path("claimExpired").asBoolean()).isFalse();
        assertThat(post("/api/reading/" + id + "/claim", Readers.SECOND, null).status()).isEqualTo(409);
        assertThat(post("/api/reading/" + id + "/claim?takeover=true", Readers.SECOND, null).status()).isEqualTo(403);
        assertThat(delete("/api/reading/" + id + "/claim", Readers.SECOND).status()).isEqualTo(409);
    }

    @Test
    void anExpiredClaimIsTakenOverByAnother() {
        long id = readyStudy("CHEST", 1);
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(get("/api/reading/" + id, Readers.SECOND).body().path("claimExpired").asBoolean()).isTrue();

        Answer taken = post("/api/reading/" + id + "/claim", Readers.SECOND, null);
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.body().path("claimedBy").asString()).isEqualTo(Readers.SECOND);
        assertThat(taken.body().path("claimExpired").asBoolean()).isFalse();
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(409);
    }

    @Test
    void aSeniorTakesOverALiveClaim() {
        long id = readyStudy("CHEST", 1);
        assertThat(post("/api/reading/" + id + "/claim", "radiologist1", null).status()).isEqualTo(200);
        assertThat(post("/api/reading/" + id + "/claim", Readers.SENIOR, null).status()).isEqualTo(409);
        Answer taken = post("/api/reading/" + id + "/claim?takeover=true", Readers.SENIOR, null);
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.body().path("claimedBy").asString()).isEqualTo(Readers.SENIOR);
    }

    @Test
    void releasingAClaimMakesTheRequestReadyAgain() {
        long id = readyStudy("CHEST", 1);
        post("/api/reading/" + id + "/claim", "radiologist1", null);
        Answer released = delete("/api/reading/" + id + "/claim", "radiologist1");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body().path("state").asString()).isEqualTo("READY");
        assertThat(released.body().path("claimedBy").isNull()).isTrue();
        assertThat(post("/api/reading/" + id + "/claim", Readers.SECOND, null).status()).isEqualTo(200);
    }

    @Test
    void clinicsCannotClaim() {
        long id = readyStudy("CHEST", 1);
        assertThat(post("/api/reading/" + id + "/claim", "clinic1", null).status()).isEqualTo(403);
    }
}
