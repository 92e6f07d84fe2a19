package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.ChildJvm;
import cn.qianli.gateway.OrthancPeer;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the forwarding gateway at random moments: every instance still arrives exactly once. */
class ForwarderCrashTests {

    private static final int TRIALS = 6;

    @TempDir
    Path temp;

    @Test
    void deliversExactlyOnceAcrossKill9WhileForwarding() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp)) {
            Path spoolDir = temp.resolve("spool");
            Spool spool = Spool.open(spoolDir, 0, new DicomCoreReader(), Clock.systemUTC());
            Map<String, byte[]> sent = Samples.spool(spool, SyntheticCt.study("H001-0005", "测试^五")
                    .size(256, 256).slices(30).writeTo(temp.resolve("ct")));
            Random random = new Random(7);
            for (int trial = 0; trial < TRIALS; trial++) {
                try (ChildJvm child = ChildJvm.start(ForwarderProcess.class, temp.resolve("child.log"),
                        spoolDir.toString(), orthanc.baseUri().toString())) {
                    assertThat(child.await("FORWARDING", 60)).isNotNull();
                    Thread.sleep(200 + random.nextInt(1200));
                    child.kill();
                }
            }
            try (ChildJvm child = ChildJvm.start(ForwarderProcess.class, temp.resolve("child.log"),
                    spoolDir.toString(), orthanc.baseUri().toString())) {
                assertThat(child.await("DRAINED", 180)).as("the last run drains the spool").isNotNull();
            }
            Map<String, byte[]> stored = orthanc.instances();
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(orthanc.instanceCount()).isEqualTo(sent.size());
            sent.forEach((uid, bytes) -> assertThat(stored.get(uid)).as(uid).isEqualTo(bytes));
        }
    }
}
