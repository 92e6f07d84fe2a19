package cn.qianli.centre.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
