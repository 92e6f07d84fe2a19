package cn.qianli.gateway.spool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes renames into one directory durable with as few directory fsyncs as possible: a caller
 * whose rename is already covered by an fsync that started after it returns at once when that
 * fsync ends, and callers arriving during an fsync share the next one. With several associations
 * storing at once, one fsync serves them all instead of one each.
 */
final class GroupSync {

    /** The fsync itself; a seam for tests. */
    interface DirectorySync {
        void sync(Path directory) throws IOException;
    }

    private final Path directory;
    private final DirectorySync action;
    private long requested;
    private long synced;
    private boolean running;

    GroupSync(Path directory) {
        this(directory, DurableFiles::syncDirectory);
    }

    GroupSync(Path directory, DirectorySync action) {
        this.directory = directory;
        this.action = action;
    }

    /** Returns once every change made in the directory before this call is on disk. */
    void sync() throws IOException {
        long mine;
        synchronized (this) {
            mine = ++requested;
        }
        while (true) {
            long covering;
            synchronized (this) {
                while (running && synced < mine) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the spool directory to sync", e);
                    }
                }
                if (synced >= mine) {
                    return;
                }
                running = true;
                covering = requested;
            }
            IOException failure = null;
            try {
                action.sync(directory);
            } catch (IOException e) {
                failure = e;
            }
            synchronized (this) {
                running = false;
                if (failure == null) {
                    synced = Math.max(synced, covering);
                }
                notifyAll();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
