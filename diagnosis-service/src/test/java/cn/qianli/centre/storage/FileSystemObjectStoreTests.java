package cn.qianli.centre.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSystemObjectStoreTests extends ObjectStoreContract {

    Path root;
    FileSystemObjectStore store;

    @BeforeEach
    void open() throws IOException {
        root = temp.resolve("store");
        store = new FileSystemObjectStore(root);
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        Path source = Files.write(temp.resolve("src"), new byte[1234]);
        store.create("a/b/c.dcm", source);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
                    .containsExactly("a/b/c.dcm");
        }
    }

    @Test
    void objectsCreatedSideBySideInOneDirectoryAreAllThere() throws Exception {
        List<Future<?>> writes = new ArrayList<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                byte[] bytes = new byte[100 + i];
                Arrays.fill(bytes, (byte) i);
                Path source = Files.write(temp.resolve("src" + i), bytes);
                String key = "study/series/" + i + ".dcm";
                writes.add(writers.submit(() -> {
                    store.create(key, source);
                    return null;
                }));
            }
        }
        for (Future<?> w : writes) {
            w.get();
        }
        for (int i = 0; i < 40; i++) {
            try (InputStream in = store.read("study/series/" + i + ".dcm")) {
                byte[] expected = new byte[100 + i];
                Arrays.fill(expected, (byte) i);
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aStagedFileClosedUnpublishedIsDeleted() throws IOException {
        try (ObjectStore.Staged s = store.stage(new byte[100], 0, 100)) {
            assertThat(filesUnder(root.resolve(".staging"))).hasSize(1);
        }
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void publishingRenamesTheStagedFilesSoNothingIsLeftInStaging() throws IOException {
        Map<String, ObjectStore.Staged> staged = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            staged.put("study/series/" + i + ".dcm", store.stage(new byte[] {(byte) i}, 0, 1));
        }
        assertThat(store.publish(staged)).isEmpty();
        assertThat(filesUnder(root.resolve(".staging"))).isEmpty();
        assertThat(filesUnder(root)).hasSize(5);
    }

    @Test
    void removesStagedFilesLeftOverFromACrashOnlyOnceTheyAreOld() throws IOException {
        Path staging = root.resolve(".staging");
        Path old = Files.write(staging.resolve("left-over"), new byte[10]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.write(staging.resolve("being-written"), new byte[10]);
        new FileSystemObjectStore(root);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
