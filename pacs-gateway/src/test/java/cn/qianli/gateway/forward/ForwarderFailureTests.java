package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder against a scripted centre: what is retried, what is quarantined, what is deleted. */
class ForwarderFailureTests {

    @TempDir
    Path temp;

    private FakeCentre centre;
    private Spool spool;
    private Map<String, byte[]> sent;

    @BeforeEach
    void setUp() throws Exception {
        centre = new FakeCentre();
        spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
        List<Path> files = SyntheticCt.study("H001-0003", "测试^三").size(64, 64).slices(12).writeTo(temp.resolve("ct"));
        sent = Samples.spool(spool, files);
        for (var e : sent.entrySet()) {
            centre.register(e.getKey(), e.getValue());
        }
    }

    @AfterEach
    void tearDown() {
        centre.close();
    }

    private void forward(CentreProperties properties, BearerTokens tokens) throws Exception {
        try (Forwarder forwarder = new Forwarder(spool, properties, tokens, Clock.systemUTC())) {
            forwarder.start();
            Samples.awaitDrained(spool, 60);
        }
    }

    private void assertAllStoredExactlyOnce() {
        assertThat(spool.state().queueDepth()).isZero();
        assertThat(centre.stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach((uid, bytes) -> assertThat(centre.stored.get(uid)).isEqualTo(bytes));
        assertThat(centre.digestMismatches).hasValue(0);
    }

    @Test
    void retriesServerErrorsUntilTheCentreIsBack() throws Exception {
        centre.script = (n, uids, auth) -> n <= 4 ? new FakeCentre.Reply(503, Map.of())
                : FakeCentre.STORE_ALL.answer(n, uids, auth);
        forward(TestCentres.at(centre.baseUri(), false), BearerTokens.NONE);
        assertAllStoredExactlyOnce();
        assertThat(centre.requests.get()).isGreaterThan(4);
    }

    @Test
    void retriesAnInstanceTheCentreCouldNotStoreForNow() throws Exception {
        String unlucky = sent.keySet().iterator().next();
        AtomicInteger refusals = new AtomicInteger();
        centre.script = (n, uids, auth) -> {
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            for (String uid : uids) {
                boolean refuse = uid.equals(unlucky) && refusals.getAndIncrement() < 2;
                outcomes.put(uid, refuse ? (refusals.get() == 1 ? 0xA700 : 0x0110) : null);
            }
            return new FakeCentre.Reply(202, outcomes);
        };
        forward(TestCentres.at(centre.baseUri(), false), BearerTokens.NONE);
        assertAllStoredExactlyOnce();
        assertThat(centre.received.get(unlucky)).hasValue(3);
    }

    @Test
    void quarantinesAnInstanceTheCentreFailsAsInvalidWithoutRetryingIt() throws Exception {
        String invalid = sent.keySet().iterator().next();
        centre.script = (n, uids, auth) -> {
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            uids.forEach(uid -> outcomes.put(uid, uid.equals(invalid) ? 0xA900 : null));
            return new FakeCentre.Reply(uids.contains(invalid) ? 202 : 200, outcomes);
        };
        forward(TestCentres.at(centre.baseUri(), false), BearerTokens.NONE);
        assertThat(spool.state().queueDepth()).isZero();
        assertThat(spool.state().quarantined()).singleElement().satisfies(q -> {
            assertThat(q.sopInstanceUid()).isEqualTo(invalid);
            assertThat(q.reason()).contains("0xA900");
        });
        assertThat(centre.received.get(invalid)).hasValue(1);
        assertThat(centre.stored).hasSize(sent.size() - 1);
    }

    @Test
    void findsTheInvalidInstanceWhenTheCentreRefusesAWholeBatch() throws Exception {
        String invalid = sent.keySet().iterator().next();
        centre.script = (n, uids, auth) -> uids.contains(invalid)
                ? new FakeCentre.Reply(400, Map.of()) : FakeCentre.STORE_ALL.answer(n, uids, auth);
        forward(TestCentres.at(centre.baseUri(), false), BearerTokens.NONE);
        assertThat(spool.state().quarantined()).singleElement()
                .satisfies(q -> assertThat(q.reason()).startsWith("HTTP 400"));
        assertThat(centre.stored.keySet()).hasSize(sent.size() - 1).doesNotContain(invalid);
    }

    @Test
    void keepsEveryInstanceTheCentreDoesNotListBack() throws Exception {
        centre.script = (n, uids, auth) -> new FakeCentre.Reply(200, Map.of());
        try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(centre.baseUri(), false), BearerTokens.NONE,
                Clock.systemUTC())) {
            forwarder.start();
            for (int i = 0; i < 100 && centre.requests.get() < 6; i++) {
                Thread.sleep(100);
            }
        }
        assertThat(centre.requests.get()).isGreaterThanOrEqualTo(6);
        assertThat(spool.state().queueDepth()).isEqualTo(sent.size());
        assertThat(spool.state().quarantined()).isEmpty();
        assertThat(spool.state().lastError()).hasValueSatisfying(
                e -> assertThat(e).contains("no instance in the centre's response"));
    }

    @Test
    void sendsUncompressedWhenTheCentreRefusesGzipAndBlamesNoInstance() throws Exception {
        centre.decodesGzip = false;
        forward(TestCentres.at(centre.baseUri(), true), BearerTokens.NONE);
        assertAllStoredExactlyOnce();
        assertThat(spool.state().quarantined()).isEmpty();
    }

    @Test
    void sendsGzipWithADigestPerPartThatTheCentreVerifies() throws Exception {
        try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(centre.baseUri(), true), BearerTokens.NONE,
                Clock.systemUTC())) {
            forwarder.start();
            Samples.awaitDrained(spool, 60);
            assertAllStoredExactlyOnce();
            assertThat(centre.gzipRequests.get()).isEqualTo(centre.requests.get());
            assertThat(forwarder.wireBytesSent()).isLessThan(forwarder.rawBytesSent());
        }
    }

    @Test
    void fetchesANewTokenWhenTheCentreSays401() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger invalidated = new AtomicInteger();
        BearerTokens tokens = new BearerTokens() {
            private volatile String token;

            @Override
            public Optional<String> current() {
                if (token == null) {
                    token = "token-" + issued.incrementAndGet();
                }
                return Optional.of(token);
            }

            @Override
            public void invalidate() {
                invalidated.incrementAndGet();
                token = null;
            }
        };
        centre.script = (n, uids, auth) -> "Bearer token-1".equals(auth)
                ? new FakeCentre.Reply(401, Map.of()) : FakeCentre.STORE_ALL.answer(n, uids, auth);
        forward(TestCentres.at(centre.baseUri(), false), tokens);
        assertAllStoredExactlyOnce();
        assertThat(invalidated.get()).isPositive();
        assertThat(issued.get()).isGreaterThan(1);
    }
}
