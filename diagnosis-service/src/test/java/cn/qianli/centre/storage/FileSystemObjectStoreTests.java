package cn.qianli.centre.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
}
