package cn.qianli.centre.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Group commit for audit entries: callers hand in an entry and wait until it is committed; one
 * writer commits whatever entries are waiting, up to {@link #MAX_ENTRIES}, in one transaction,
 * so requests answered at the same moment share one flush to disk instead of queueing for the
 * chain's lock one commit after the other.
 */
final class SharedCommit implements AutoCloseable {

    static final int MAX_ENTRIES = 500;

    private record Waiting(AuditEntry entry, CompletableFuture<Void> committed) {
    }

    private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<AuditEntry>> appendAll;
    private final Thread writer;

    /** {@code appendAll} appends entries in order in one transaction and returns once they are committed. */
    SharedCommit(Consumer<List<AuditEntry>> appendAll) {
        this.appendAll = appendAll;
        this.writer = Thread.ofVirtual().name("audit-writer").start(this::write);
    }

    /** Returns once {@code entry} is committed; throws what committing it threw. */
    void append(AuditEntry entry) {
        Waiting w = new Waiting(entry, new CompletableFuture<>());
        queue.add(w);
        if (!writer.isAlive()) {
            failAll(new IllegalStateException("the audit trail is closed"));
        }
        try {
            w.committed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit entry was committed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void write() {
        List<Waiting> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_ENTRIES - 1);
                try {
                    appendAll.accept(batch.stream().map(Waiting::entry).toList());
                    batch.forEach(w -> w.committed().complete(null));
                } catch (RuntimeException e) {
                    batch.forEach(w -> w.committed().completeExceptionally(e));
                }
                batch.clear();
            }
        } catch (InterruptedException closing) {
            failAll(new IllegalStateException("the audit trail is closed"));
        }
    }

    private void failAll(RuntimeException why) {
        for (Waiting w; (w = queue.poll()) != null; ) {
            w.committed().completeExceptionally(why);
        }
    }

    @Override
    public void close() {
        writer.interrupt();
    }
}
