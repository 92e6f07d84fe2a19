package cn.qianli.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTests {

    @TempDir
    Path temp;

    private Spool open(long reserve) throws Exception {
        return Spool.open(temp.resolve("spool"), reserve, new DicomCoreReader(), Clock.systemUTC());
    }

    private List<Path> ct(int slices) throws Exception {
        return SyntheticCt.study("H001-0001", "测试^一").size(64, 64).slices(slices).writeTo(temp.resolve("src"));
    }

    private static SpooledInstance store(Spool spool, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return spool.store(in, Files.size(file));
        }
    }

    @Test
    void keepsStoredInstancesByteIdenticalAcrossReopen() throws Exception {
        List<Path> files = ct(3);
        Spool spool = open(0);
        for (Path f : files) {
            store(spool, f);
        }
        Spool reopened = open(0);
        assertThat(reopened.state().queueDepth()).isEqualTo(3);
        List<SpooledInstance> batch = reopened.take(10, Long.MAX_VALUE, false);
        assertThat(batch).hasSize(3);
        for (SpooledInstance i : batch) {
            byte[] bytes = Files.readAllBytes(i.file());
            assertThat(files).anySatisfy(f -> assertThat(Files.readAllBytes(f)).isEqualTo(bytes));
        }
    }

    @Test
    void storingTheSameInstanceTwiceKeepsOneCopy() throws Exception {
        Path file = ct(1).getFirst();
        Spool spool = open(0);
        store(spool, file);
        store(spool, file);
        assertThat(spool.state().queueDepth()).isEqualTo(1);
        assertThat(open(0).state().queueDepth()).isEqualTo(1);
    }

    @Test
    void removesAnInstanceOnlyWhenAcknowledged() throws Exception {
        Spool spool = open(0);
        for (Path f : ct(2)) {
            store(spool, f);
        }
        List<SpooledInstance> batch = spool.take(10, Long.MAX_VALUE, false);
        assertThat(spool.take(10, Long.MAX_VALUE, false)).as("in flight are not taken twice").isEmpty();
        spool.acknowledged(batch.get(0));
        spool.retryLater(batch.get(1), Instant.EPOCH, "centre unreachable");
        assertThat(Files.exists(batch.get(0).file())).isFalse();
        assertThat(open(0).state().queueDepth()).isEqualTo(1);
        assertThat(spool.take(10, Long.MAX_VALUE, false)).containsExactly(batch.get(1));
    }

    @Test
    void acknowledgementOfAnOlderVersionKeepsTheNewerOne() throws Exception {
        Path file = ct(1).getFirst();
        Spool spool = open(0);
        store(spool, file);
        SpooledInstance sent = spool.take(1, Long.MAX_VALUE, false).getFirst();
        store(spool, file);
        spool.acknowledged(sent);
        assertThat(spool.state().queueDepth()).isEqualTo(1);
        assertThat(open(0).state().queueDepth()).isEqualTo(1);
    }

    @Test
    void retriesNotBeforeTheBackOffTime() throws Exception {
        Spool spool = open(0);
        store(spool, ct(1).getFirst());
        SpooledInstance sent = spool.take(1, Long.MAX_VALUE, false).getFirst();
        spool.retryLater(sent, Instant.now().plusSeconds(3600), "HTTP 503");
        assertThat(spool.take(1, Long.MAX_VALUE, false)).isEmpty();
        assertThat(spool.attempts(sent)).isEqualTo(1);
        assertThat(spool.state().lastError()).contains("HTTP 503");
    }

    @Test
    void quarantinesWithTheReasonAndRemembersItAfterReopen() throws Exception {
        Spool spool = open(0);
        store(spool, ct(1).getFirst());
        SpooledInstance sent = spool.take(1, Long.MAX_VALUE, false).getFirst();
        spool.quarantine(sent, "FailureReason 0xA900: data set does not match SOP class");
        assertThat(spool.state().queueDepth()).isZero();
        List<Quarantined> q = open(0).state().quarantined();
        assertThat(q).singleElement().satisfies(x -> {
            assertThat(x.reason()).contains("0xA900");
            assertThat(x.sopInstanceUid()).isEqualTo(sent.keys().sopInstanceUid());
        });
    }

    @Test
    void refusesWhenTheFreeSpaceReserveWouldBeUsedAndRecoversWhenThereIsRoom() throws Exception {
        Path file = ct(1).getFirst();
        Spool full = open(Long.MAX_VALUE / 2);
        assertThatThrownBy(() -> store(full, file)).isInstanceOf(SpoolFullException.class);
        assertThat(full.state().queueDepth()).isZero();
        try (var incoming = Files.list(temp.resolve("spool/incoming"))) {
            assertThat(incoming).as("no half-written file").isEmpty();
        }
        Spool roomy = open(0);
        store(roomy, file);
        assertThat(roomy.state().queueDepth()).isEqualTo(1);
    }

    @Test
    void rejectsBytesThatAreNotPart10AndLeavesNothingBehind() throws Exception {
        Spool spool = open(0);
        assertThatThrownBy(() -> spool.store(new ByteArrayInputStream(new byte[200]), 200))
                .isInstanceOf(InvalidInstanceException.class);
        assertThat(spool.state().queueDepth()).isZero();
        try (var incoming = Files.list(temp.resolve("spool/incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void discardsPartialFilesLeftInIncomingOnOpen() throws Exception {
        Spool spool = open(0);
        Files.write(spool.newIncomingFile(), new byte[] {1, 2, 3});
        open(0);
        try (var incoming = Files.list(temp.resolve("spool/incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }
}
