package cn.qianli.gateway.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The three moves that make a file survive power loss: write + fsync, atomic rename, directory fsync. */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Copies {@code in} to a new file {@code target} and fsyncs it; returns the bytes written. */
    static long writeAndSync(InputStream in, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            long n = in.transferTo(out);
            out.flush();
            channel.force(true);
            return n;
        }
    }

    static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename, create or delete in {@code directory} durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Renames {@code source} onto {@code target} atomically (same file system) and fsyncs the target directory. */
    static void rename(Path source, Path target) throws IOException {
        move(source, target);
        syncDirectory(target.getParent());
        if (!source.getParent().equals(target.getParent())) {
            syncDirectory(source.getParent());
        }
    }

    /** Renames {@code source} onto {@code target} atomically; durable only once the target directory is synced. */
    static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("spool needs " + source.getParent() + " and " + target.getParent()
                    + " on one file system", e);
        }
    }

    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.getParent());
        }
    }
}
