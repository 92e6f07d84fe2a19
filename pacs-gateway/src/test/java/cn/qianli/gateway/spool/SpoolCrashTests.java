package cn.qianli.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process writing into the spool, at random moments: nothing confirmed is lost or torn. */
class SpoolCrashTests {

    private static final int TRIALS = 10;

    @TempDir
    Path temp;

    @Test
    void survivesKill9AtRandomPointsWhileWriting() throws Exception {
        Path source = temp.resolve("source");
        List<Path> files = SyntheticCt.study("H001-0002", "测试^二").size(256, 256).slices(12).writeTo(source);
        Map<String, byte[]> bySop = new HashMap<>();
        DicomCoreReader reader = new DicomCoreReader();
        for (Path f : files) {
            bySop.put(reader.read(f).sopInstanceUid(), Files.readAllBytes(f));
        }
        Path spoolDir = temp.resolve("spool");
        Random random = new Random(20261126);
        for (int trial = 0; trial < TRIALS; trial++) {
            List<String> confirmed;
            try (ChildJvm child = ChildJvm.start(SpoolWriterProcess.class, temp.resolve("child.log"),
                    spoolDir.toString(), source.toString())) {
                assertThat(child.await("READY", 60)).as("child started").isNotNull();
                int stores = 1 + random.nextInt(30);
                for (int i = 0; i < stores; i++) {
                    child.await("STORED", 30);
                }
                Thread.sleep(random.nextInt(40));
                child.kill();
                confirmed = child.output().stream().filter(l -> l.startsWith("STORED "))
                        .map(l -> l.substring(7)).toList();
            }
            Spool recovered = Spool.open(spoolDir, 0, reader, Clock.systemUTC());
            List<SpooledInstance> all = recovered.take(Integer.MAX_VALUE, Long.MAX_VALUE, false);
            assertThat(all.stream().map(i -> i.keys().sopInstanceUid()))
                    .as("trial %d: every confirmed instance is in the spool", trial)
                    .containsAll(confirmed.stream().distinct().toList());
            for (SpooledInstance i : all) {
                assertThat(Arrays.equals(Files.readAllBytes(i.file()), bySop.get(i.keys().sopInstanceUid())))
                        .as("trial %d: %s byte-identical", trial, i.key()).isTrue();
            }
            assertThat(recovered.state().quarantined()).isEmpty();
            try (Stream<Path> incoming = Files.list(spoolDir.resolve("incoming"))) {
                assertThat(incoming).isEmpty();
            }
        }
    }
}
