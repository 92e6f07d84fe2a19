package cn.qianli.centre.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ObjectStore} must do; each implementation's test runs these. */
abstract class ObjectStoreContract {

    @TempDir
    Path temp;

    abstract ObjectStore store();

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(UUID.randomUUID().toString()), bytes);
    }

    private static byte[] all(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String key() {
        return "1.2.3/" + UUID.randomUUID() + "/1.2.3.4.dcm";
    }

    @Test
    void readsBackExactlyWhatWasCreated() throws IOException {
        Path source = file(300_000);
        String key = key();
        store().create(key, source);
        assertThat(all(store().read(key))).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void readsAByteRange() throws IOException {
        Path source = file(70_000);
        String key = key();
        store().create(key, source);
        byte[] bytes = Files.readAllBytes(source);
        assertThat(all(store().readRange(key, 1000, 5000)))
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 6000));
        assertThat(all(store().readRange(key, 69_990, 100)))
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 69_990, 70_000));
        assertThat(all(store().readRange(key, 0, 0))).isEmpty();
    }

    @Test
    void answersNoSuchObjectForAMissingKey() {
        assertThatThrownBy(() -> all(store().read(key()))).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> all(store().readRange(key(), 0, 10))).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void removesAndRemovingTwiceIsNoError() throws IOException {
        String key = key();
        store().create(key, file(10));
        store().remove(key);
        store().remove(key);
        assertThatThrownBy(() -> all(store().read(key))).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void publishesStagedBytesAndFilesUnderTheirKeys() throws IOException {
        byte[] buffer = new byte[5000];
        new Random(7).nextBytes(buffer);
        Path source = file(40_000);
        String fromBytes = key();
        String fromFile = key();
        try (ObjectStore.Staged a = store().stage(buffer, 100, 3000); ObjectStore.Staged b = store().stage(source)) {
            assertThat(store().publish(Map.of(fromBytes, a, fromFile, b))).isEmpty();
        }
        // published objects stay when their staged handles are closed
        assertThat(all(store().read(fromBytes))).isEqualTo(java.util.Arrays.copyOfRange(buffer, 100, 3100));
        assertThat(all(store().read(fromFile))).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void aStagedObjectClosedUnpublishedIsNeverReadable() throws IOException {
        String key = key();
        try (ObjectStore.Staged s = store().stage(new byte[10], 0, 10)) {
            assertThatThrownBy(() -> all(store().read(key))).isInstanceOf(NoSuchObjectException.class);
        }
        assertThatThrownBy(() -> all(store().read(key))).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void publishesEachStagedObjectOnce() throws IOException {
        try (ObjectStore.Staged s = store().stage(new byte[10], 0, 10)) {
            assertThat(store().publish(Map.of(key(), s))).isEmpty();
            assertThatThrownBy(() -> store().publish(Map.of(key(), s))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesToStageOutsideTheArray() {
        assertThatThrownBy(() -> store().stage(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesKeysThatCouldLeaveTheStore() {
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "", "x'; DROP TABLE study;--"}) {
            assertThatThrownBy(() -> store().create(bad, file(1))).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> {
                try (ObjectStore.Staged s = store().stage(new byte[1], 0, 1)) {
                    store().publish(Map.of(bad, s));
                }
            }).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
