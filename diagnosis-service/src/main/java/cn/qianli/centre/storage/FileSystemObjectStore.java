package cn.qianli.centre.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects as files under one root directory. A staged object is a file in {@code .staging}
 * (a name no key can have), written and forced to disk; publishing renames it atomically to its
 * key's path, so a reader sees either nothing or the whole object, and then forces each
 * directory that received a name, once for all the objects published into it together, and
 * every directory above it whose own entry is not yet known to be on disk. Directories are never
 * removed, so once known durable they stay so.
 */
public final class FileSystemObjectStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(FileSystemObjectStore.class);
    /** Staged files older than this at start-up are left over from a crash. */
    private static final Duration LEFT_OVER = Duration.ofHours(1);

    private final Path root;
    private final Path staging;
    private final DirectorySyncs syncs = new DirectorySyncs();
    /** Directories whose entry in their parent is known to be on disk. */
    private final Set<Path> durableDirectories = ConcurrentHashMap.newKeySet();
    /** Staged files are named by this store's prefix (unique per start) and a counter: no random source to draw on. */
    private final String stagingPrefix = UUID.randomUUID() + "-";
    private final AtomicLong staged = new AtomicLong();

    public FileSystemObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        this.staging = Files.createDirectories(this.root.resolve(".staging"));
        removeLeftOvers();
    }

    private void removeLeftOvers() throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(LEFT_OVER));
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).compareTo(before) < 0 && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            log.info("removed {} staged files left over from an earlier run", removed);
        }
    }

    private Path path(String key) {
        Path p = root.resolve(ObjectStore.checkKey(key)).normalize();
        if (!p.startsWith(root) || p.startsWith(staging)) {
            throw new IllegalArgumentException("key leaves the store: " + key);
        }
        return p;
    }

    /** A file in the staging directory. */
    private final class StagedFile implements Staged {
        final Path file;
        boolean published;

        StagedFile(Path file) {
            this.file = file;
        }

        FileSystemObjectStore owner() {
            return FileSystemObjectStore.this;
        }

        @Override
        public void close() throws IOException {
            if (!published) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public Staged stage(byte[] content, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, content.length);
        return write(out -> {
            ByteBuffer b = ByteBuffer.wrap(content, offset, length);
            while (b.hasRemaining()) {
                out.write(b);
            }
        });
    }

    @Override
    public Staged stage(Path source) throws IOException {
        return write(out -> {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
            }
        });
    }

    private interface Writing {
        void to(FileChannel out) throws IOException;
    }

    private Staged write(Writing writing) throws IOException {
        Path file = staging.resolve(stagingPrefix + staged.incrementAndGet());
        boolean written = false;
        try {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writing.to(out);
                out.force(true);
            }
            written = true;
            return new StagedFile(file);
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public Map<String, IOException> publish(Map<String, Staged> objects) {
        Map<String, Path> targets = new LinkedHashMap<>();
        for (var o : objects.entrySet()) {
            if (!(o.getValue() instanceof StagedFile f) || f.published || !f.owner().equals(this)) {
                throw new IllegalArgumentException("not an unpublished object staged in this store: " + o.getKey());
            }
            targets.put(o.getKey(), path(o.getKey()));
        }
        Map<String, IOException> failed = new LinkedHashMap<>();
        Map<Path, List<String>> byDirectory = new LinkedHashMap<>();
        for (var t : targets.entrySet()) {
            StagedFile f = (StagedFile) objects.get(t.getKey());
            Path dir = t.getValue().getParent();
            try {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                }
                Files.move(f.file, t.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                f.published = true;
                byDirectory.computeIfAbsent(dir, d -> new ArrayList<>()).add(t.getKey());
            } catch (IOException e) {
                failed.put(t.getKey(), e);
            }
        }
        // the new names, and each directory made for them, must reach the disk too
        for (var d : byDirectory.entrySet()) {
            try {
                syncs.sync(d.getKey());
                for (Path p = d.getKey(); !p.equals(root) && p.startsWith(root) && !durableDirectories.contains(p);
                        p = p.getParent()) {
                    syncs.sync(p.getParent());
                    durableDirectories.add(p);
                }
            } catch (IOException e) {
                d.getValue().forEach(key -> failed.put(key, e));
            }
        }
        return failed;
    }

    @Override
    public InputStream read(String key) throws IOException {
        try {
            return Files.newInputStream(path(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        }
    }

    @Override
    public InputStream readRange(String key, long offset, long length) throws IOException {
        ObjectStore.checkRange(offset, length);
        FileChannel channel;
        try {
            channel = FileChannel.open(path(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        }
        channel.position(offset);
        long available = Math.max(0, Math.min(length, channel.size() - offset));
        return new BoundedInputStream(Channels.newInputStream(channel), available);
    }

    @Override
    public void remove(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public String toString() {
        return "filesystem store at " + root;
    }

}
