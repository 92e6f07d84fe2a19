package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.LinkFaultProxy;
import cn.qianli.gateway.OrthancPeer;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarding over a bad link and to a centre that goes away: nothing lost, nothing twice. */
class ForwarderLinkTests {

    @TempDir
    Path temp;

    private Map<String, byte[]> spoolStudy(Spool spool, int slices) throws Exception {
        return Samples.spool(spool, SyntheticCt.study("H001-0004", "测试^四").size(256, 256).slices(slices)
                .writeTo(temp.resolve("ct")));
    }

    private static void assertExactlyOnce(OrthancPeer orthanc, Map<String, byte[]> sent) throws Exception {
        Map<String, byte[]> stored = orthanc.instances();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(orthanc.instanceCount()).isEqualTo(sent.size());
        sent.forEach((uid, bytes) -> assertThat(stored.get(uid)).as(uid).isEqualTo(bytes));
    }

    @Test
    void deliversExactlyOnceOverAThrottledLaggyLinkThatDropsAndCutsOut() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp);
             // 2 Mbit/s, 300 ms one way, 40 % of connections reset within their first 400 kB
             LinkFaultProxy link = new LinkFaultProxy(orthanc.port(), 250_000, 300, 0.4, 400_000)) {
            Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
            Map<String, byte[]> sent = spoolStudy(spool, 16);
            CentreProperties centre = TestCentres.at(URI.create("http://127.0.0.1:" + link.port() + "/"), false, 0, 3);
            try (Forwarder forwarder = new Forwarder(spool, centre, BearerTokens.NONE, Clock.systemUTC())) {
                forwarder.start();
                Thread.sleep(2000);
                link.cutOut(3000); // the 30 s cut-out, scaled down
                Samples.awaitDrained(spool, 300);
            }
            assertThat(spool.state().queueDepth()).isZero();
            assertThat(link.drops()).as("the link did drop connections").isPositive();
            assertExactlyOnce(orthanc, sent);
        }
    }

    @Test
    void deliversEverythingAfterTheCentreWasDownAndCameBack() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp)) {
            orthanc.stop();
            Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
            Map<String, byte[]> sent = spoolStudy(spool, 8);
            try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(orthanc.baseUri(), false),
                    BearerTokens.NONE, Clock.systemUTC())) {
                forwarder.start();
                Thread.sleep(3000); // "minutes", scaled down: several back-off rounds against a dead centre
                assertThat(spool.state().queueDepth()).isEqualTo(sent.size());
                assertThat(spool.state().lastError()).hasValueSatisfying(e -> assertThat(e).contains("unreachable"));
                orthanc.restart();
                Samples.awaitDrained(spool, 120);
            }
            assertExactlyOnce(orthanc, sent);
        }
    }
}
