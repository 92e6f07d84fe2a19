package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.centre.storage.FileSystemObjectStore;
import cn.qianli.centre.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceivedPartTests {

    @TempDir
    Path temp;

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private long spooled() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("stow-")).count();
        }
    }

    /** Receives {@code body}, stages and publishes it, and returns what the store then holds. */
    private byte[] roundTrip(ReceivedPart part) throws IOException {
        ObjectStore store = new FileSystemObjectStore(temp.resolve("store"));
        try (ObjectStore.Staged staged = part.stageIn(store)) {
            assertThat(store.publish(Map.of("a/b.dcm", staged))).isEmpty();
        }
        try (InputStream in = store.read("a/b.dcm")) {
            return in.readAllBytes();
        }
    }

    @Test
    void keepsASmallPartInMemoryAndGivesItsMemoryBackWhenClosed() throws Exception {
        StowMemory memory = new StowMemory(1 << 20);
        byte[] body = bytes(200_000);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (ReceivedPart part = ReceivedPart.read(new ByteArrayInputStream(body), sha, memory, 1 << 20, temp)) {
            assertThat(part.inMemory()).isTrue();
            assertThat(part.size()).isEqualTo(body.length);
            assertThat(sha.digest()).isEqualTo(sha256(body));
            assertThat(memory.left()).isLessThan(1 << 20);
            assertThat(roundTrip(part)).isEqualTo(body);
            assertThat(spooled()).isZero();
        }
        assertThat(memory.left()).isEqualTo(1 << 20);
    }

    @Test
    void spoolsAPartLargerThanTheInMemoryLimit() throws Exception {
        StowMemory memory = new StowMemory(8 << 20);
        byte[] body = bytes(300_000);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (ReceivedPart part = ReceivedPart.read(new ByteArrayInputStream(body), sha, memory, 100_000, temp)) {
            assertThat(part.inMemory()).isFalse();
            assertThat(part.size()).isEqualTo(body.length);
            assertThat(sha.digest()).isEqualTo(sha256(body));
            assertThat(spooled()).isOne();
            // the buffer used before the part turned out too large is given back at once
            assertThat(memory.left()).isEqualTo(8 << 20);
            assertThat(roundTrip(part)).isEqualTo(body);
        }
        assertThat(spooled()).isZero();
    }

    @Test
    void spoolsWhenTheSharedBudgetIsSpent() throws Exception {
        StowMemory memory = new StowMemory(100_000);
        byte[] body = bytes(70_000);
        try (ReceivedPart first = ReceivedPart.read(new ByteArrayInputStream(body),
                MessageDigest.getInstance("SHA-256"), memory, 1 << 20, temp);
                ReceivedPart second = ReceivedPart.read(new ByteArrayInputStream(body),
                        MessageDigest.getInstance("SHA-256"), memory, 1 << 20, temp)) {
            // the first takes a 64 KB buffer, then cannot grow it within the budget
            assertThat(first.inMemory()).isFalse();
            assertThat(second.inMemory()).isFalse();
            assertThat(roundTrip(second)).isEqualTo(body);
        }
        assertThat(memory.left()).isEqualTo(100_000);
        assertThat(spooled()).isZero();
    }

    @Test
    void givesTheMemoryBackWhenTheBodyFails() throws Exception {
        StowMemory memory = new StowMemory(1 << 20);
        InputStream failing = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 1000) {
                    throw new IOException("the client went away");
                }
                return 1;
            }
        };
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThatThrownBy(() -> ReceivedPart.read(failing, sha, memory, 1 << 20, temp))
                .isInstanceOf(IOException.class).hasMessage("the client went away");
        assertThat(memory.left()).isEqualTo(1 << 20);
        assertThat(spooled()).isZero();
    }
}
