package cn.qianli.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupSyncTests {

    @TempDir
    Path dir;

    @Test
    void callersArrivingDuringAnFsyncShareTheNextOne() throws Exception {
        AtomicInteger fsyncs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupSync sync = new GroupSync(dir, d -> {
            if (fsyncs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
        });
        Thread first = Thread.ofVirtual().start(() -> call(sync));
        firstStarted.await();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiting.add(Thread.ofVirtual().start(() -> call(sync)));
        }
        Thread.sleep(200);
        releaseFirst.countDown();
        first.join();
        for (Thread t : waiting) {
            t.join();
        }
        assertThat(fsyncs.get()).isEqualTo(2);
    }

    @Test
    void aCallAfterAnFsyncEndedGetsAnotherOne() throws Exception {
        AtomicInteger fsyncs = new AtomicInteger();
        GroupSync sync = new GroupSync(dir, d -> fsyncs.incrementAndGet());
        sync.sync();
        sync.sync();
        assertThat(fsyncs.get()).isEqualTo(2);
    }

    @Test
    void aFailedFsyncReachesItsCallerAndIsNotCountedAsDone() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupSync sync = new GroupSync(dir, d -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk gone");
            }
        });
        assertThatThrownBy(sync::sync).isInstanceOf(IOException.class).hasMessage("disk gone");
        sync.sync();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void syncsARealDirectory() throws Exception {
        new GroupSync(dir).sync();
        assertThatThrownBy(() -> new GroupSync(dir.resolve("missing")).sync()).isInstanceOf(IOException.class);
    }

    private static void call(GroupSync sync) {
        try {
            sync.sync();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
