package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpooledInstance;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The centre cannot be connected to while a modality keeps sending: nothing is lost, nothing churns. */
class ForwarderOutageTests {

    @TempDir
    Path temp;

    @Test
    void leavesInstancesArrivingDuringAnOutageUntriedAndSendsAllOnceTheCentreIsBack() throws Exception {
        int port;
        try (FakeCentre gone = new FakeCentre()) {
            port = gone.baseUri().getPort();
        }
        Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
        Map<String, byte[]> sent = new HashMap<>(Samples.spool(spool,
                SyntheticCt.study("H001-0005", "测试^五").size(64, 64).slices(3).writeTo(temp.resolve("before"))));
        CentreProperties centre = TestCentres.at(URI.create("http://127.0.0.1:" + port + "/"), false);
        try (Forwarder forwarder = new Forwarder(spool, centre, BearerTokens.NONE, Clock.systemUTC())) {
            forwarder.start();
            Thread.sleep(800);
            Map<String, byte[]> during = Samples.spool(spool,
                    SyntheticCt.study("H001-0006", "测试^六").size(64, 64).slices(6).writeTo(temp.resolve("during")));
            sent.putAll(during);
            Thread.sleep(800);
            assertThat(spool.state().queueDepth()).isEqualTo(sent.size());
            assertThat(spool.state().lastError()).hasValueSatisfying(e -> assertThat(e).contains("unreachable"));
            for (SpooledInstance instance : spool.queued()) {
                if (during.containsKey(instance.keys().sopInstanceUid())) {
                    // probing the dead centre is not a failed attempt of each instance that arrived
                    assertThat(spool.attempts(instance)).as(instance.key()).isZero();
                }
            }
            try (FakeCentre back = new FakeCentre(port)) {
                for (var e : sent.entrySet()) {
                    back.register(e.getKey(), e.getValue());
                }
                Samples.awaitDrained(spool, 60);
                assertThat(spool.state().queueDepth()).isZero();
                assertThat(back.stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
                sent.forEach((uid, bytes) -> assertThat(back.stored.get(uid)).isEqualTo(bytes));
            }
        }
    }
}
