package cn.qianli.centre.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects as files under one root directory. A new object is written to a temporary file
 * beside its final name, forced to disk, then renamed atomically, so a reader sees either
 * nothing or the whole object. Its directory is then forced, and every directory above it whose
 * own entry is not yet known to be on disk; directories are never removed, so once known durable
 * they stay so and each later object costs one (shared) directory sync.
 */
public final class FileSystemObjectStore implements ObjectStore {

    private final Path root;
    private final DirectorySyncs syncs = new DirectorySyncs();
    /** Directories whose entry in their parent is known to be on disk. */
    private final Set<Path> durableDirectories = ConcurrentHashMap.newKeySet();

    public FileSystemObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    private Path path(String key) {
        Path p = root.resolve(ObjectStore.checkKey(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("key leaves the store: " + key);
        }
        return p;
    }

    @Override
    public void create(String key, Path source) throws IOException {
        Path target = path(key);
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Path temp = dir.resolve(".incoming-" + UUID.randomUUID());
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                long size = in.size();
                long done = 0;
                while (done < size) {
                    done += in.transferTo(done, size - done, out);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        // the new name, and each directory made for it, must reach the disk too
        syncs.sync(dir);
        for (Path d = dir; !d.equals(root) && d.startsWith(root) && !durableDirectories.contains(d); d = d.getParent()) {
            syncs.sync(d.getParent());
            durableDirectories.add(d);
        }
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
