package cn.qianli.centre.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forces directories to disk (so the names just made in them survive a crash), one sync serving
 * every caller that asked for the same directory before it started: objects written side by side
 * into one series directory share its sync instead of each paying for one.
 */
final class DirectorySyncs {

    /** One directory's syncs: callers take tickets; a sync covers every ticket taken before it began. */
    private static final class Directory {
        final ReentrantLock lock = new ReentrantLock();
        final Condition synced = lock.newCondition();
        long requested;
        long done;
        boolean running;
        int waiting;
    }

    private final ConcurrentHashMap<Path, Directory> directories = new ConcurrentHashMap<>();

    /** Returns once {@code dir} was forced after this call began. */
    void sync(Path dir) throws IOException {
        Directory d = directories.compute(dir, (k, v) -> {
            Directory x = v == null ? new Directory() : v;
            x.waiting++;
            return x;
        });
        d.lock.lock();
        try {
            long ticket = ++d.requested;
            while (d.done < ticket) {
                if (d.running) {
                    d.synced.awaitUninterruptibly();
                    continue;
                }
                d.running = true;
                long covers = d.requested;
                d.lock.unlock();
                try {
                    force(dir);
                } finally {
                    d.lock.lock();
                    d.running = false;
                    d.synced.signalAll();
                }
                d.done = Math.max(d.done, covers);
            }
        } finally {
            d.lock.unlock();
            directories.computeIfPresent(dir, (k, v) -> --v.waiting == 0 ? null : v);
        }
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException e) {
            // not every file system lets a directory be opened for sync; renames are still atomic
        }
    }
}
