package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.IndexedInstance;
import cn.qianli.centre.archive.StoredInstance;
import cn.qianli.centre.audit.AuditEntry;
import cn.qianli.centre.audit.AuditTrail;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.net.dimse.Status;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The parts of one STOW-RS request received since the last commit, in their order, each with
 * what became of it. A group holds at most {@link #MAX_PARTS} instances or {@link #MAX_BYTES} of
 * them; {@link Committer} stores them together.
 */
final class StowGroup {

    static final int MAX_PARTS = 50;
    static final long MAX_BYTES = 256L << 20;

    /** One part: received (waiting to be stored) or already decided. */
    private static final class Slot {
        final InstanceIdentity id;
        final ReceivedPart part;
        final IndexedInstance row;
        /** the part being staged in the object store, from the moment it was received */
        Future<ObjectStore.Staged> staged;
        boolean stored;
        int reason;
        String outcome;
        String detail;

        Slot(InstanceIdentity id, ReceivedPart part, IndexedInstance row) {
            this.id = id;
            this.part = part;
            this.row = row;
        }

        boolean pending() {
            return row != null && outcome == null;
        }

        void stored(String how) {
            stored = true;
            outcome = "success";
            detail = how;
        }

        void failed(int failureReason, String why) {
            stored = false;
            reason = failureReason;
            detail = why;
            outcome = failureReason == Status.DUPLICATE_SOP_INSTANCE.code() ? "conflict"
                    : failureReason == Status.NOT_AUTHORIZED.code() ? "denied" : "rejected";
        }
    }

    private final Caller caller;
    private final String hospitalId;
    private final StowResult result;
    private final List<Slot> slots = new ArrayList<>();
    private final Set<String> sops = new HashSet<>();
    private long bytes;

    StowGroup(Caller caller, String hospitalId, StowResult result) {
        this.caller = caller;
        this.hospitalId = hospitalId;
        this.result = result;
    }

    Caller caller() {
        return caller;
    }

    String hospitalId() {
        return hospitalId;
    }

    /** A part that is no readable instance: it fails without an identity (the request's entry counts it). */
    void unreadable(int reason, String why) {
        Slot s = new Slot(null, null, null);
        s.failed(reason, why);
        slots.add(s);
    }

    /** An instance refused on its own merits before it reached the store. */
    void refused(InstanceIdentity id, int reason, String why) {
        Slot s = new Slot(id, null, null);
        s.failed(reason, why);
        slots.add(s);
    }

    /**
     * An instance received whole and checked; the group owns {@code part} from now on. The
     * committer starts staging it in the object store at once, so its write overlaps the
     * receiving of the parts after it.
     */
    void received(InstanceIdentity id, ReceivedPart part, IndexedInstance row, Committer committer) {
        Slot s = new Slot(id, part, row);
        slots.add(s);
        sops.add(row.sopInstanceUid());
        bytes += row.objectSize();
        s.staged = committer.stage(part);
    }

    boolean holds(String sopInstanceUid) {
        return sops.contains(sopInstanceUid);
    }

    boolean isFull() {
        return sops.size() >= MAX_PARTS || bytes >= MAX_BYTES;
    }

    /** Reports every slot to the result and empties the group. */
    private void finish() {
        for (Slot s : slots) {
            if (s.outcome == null) {
                s.failed(Status.PROCESSING_FAILURE.code(), "not stored: the request failed while storing it");
            }
            if (s.stored) {
                result.referenced.add(new StowResult.Referenced(s.id.sopClassUid(), s.id.sopInstanceUid(),
                        s.id.studyInstanceUid(), s.id.seriesInstanceUid()));
                result.studies.add(s.id.studyInstanceUid());
            } else {
                result.failed.add(new StowResult.Failed(s.id == null ? "" : StowService.orEmpty(s.id.sopClassUid()),
                        s.id == null ? "" : StowService.orEmpty(s.id.sopInstanceUid()), s.reason, s.detail));
            }
        }
        slots.clear();
        sops.clear();
        bytes = 0;
    }

    /** The audit entry of every instance of the group, stored or refused, in part order. */
    private List<AuditEntry> auditEntries() {
        List<AuditEntry> entries = new ArrayList<>();
        for (Slot s : slots) {
            if (s.id != null) {
                entries.add(AuditEntry.of(caller.actor(), caller.roleNames(), hospitalId, "STOW instance",
                        s.id.studyInstanceUid(), s.id.seriesInstanceUid(), s.id.sopInstanceUid(), s.outcome,
                        caller.clientAddress(), s.detail));
            }
        }
        return entries;
    }

    /**
     * Stores a group: each part was staged in the object store as it arrived; instances already
     * indexed or of another hospital's study are decided from two queries; the new ones' staged
     * objects are published under their keys, all durable when that returns (ARCHITECTURE.md
     * guarantee 3); then their index rows and the audit entries of the whole group are committed
     * in one transaction. When that transaction meets rows the
     * queries did not see (a concurrent request), it changes nothing and the instances are
     * committed one at a time as they always could be.
     */
    @Component
    static class Committer implements AutoCloseable {

        private static final Logger log = LoggerFactory.getLogger(StowGroup.class);

        private final ArchiveIndex index;
        private final ObjectStore store;
        private final AuditTrail audit;
        private final ExecutorService stagers = Executors.newVirtualThreadPerTaskExecutor();

        Committer(ArchiveIndex index, ObjectStore store, AuditTrail audit) {
            this.index = index;
            this.store = store;
            this.audit = audit;
        }

        /** Starts staging {@code part} in the store. */
        Future<ObjectStore.Staged> stage(ReceivedPart part) {
            return stagers.submit(() -> part.stageIn(store));
        }

        @Override
        public void close() {
            stagers.close();
        }

        void commit(StowGroup g) throws IOException {
            if (g.slots.isEmpty()) {
                return;
            }
            try {
                List<Slot> created = createObjects(g, decideKnown(g));
                List<IndexedInstance> rows = new ArrayList<>();
                for (Slot s : created) {
                    s.stored("stored");
                    rows.add(s.row);
                }
                boolean together;
                try {
                    together = index.commitAll(rows, g.hospitalId, () -> audit.appendAll(g.auditEntries()));
                } catch (PessimisticLockingFailureException deadlock) {
                    together = false;
                }
                if (!together) {
                    for (Slot s : created) {
                        commitAlone(s);
                    }
                    audit.appendAll(g.auditEntries());
                }
                logStored(g);
            } finally {
                release(g);
                g.finish();
            }
        }

        /** Discards what was staged and not published, and the parts' bytes. */
        private static void release(StowGroup g) throws IOException {
            IOException failed = null;
            for (Slot s : g.slots) {
                if (s.part == null) {
                    continue;
                }
                try (ReceivedPart part = s.part) {
                    // staging reads the part: it is let go only once staging has ended
                    ObjectStore.Staged staged = finished(s.staged);
                    if (staged != null) {
                        staged.close();
                    }
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }

        /** What {@code staging} gave, once it has ended; null if it failed. */
        private static ObjectStore.Staged finished(Future<ObjectStore.Staged> staging) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return staging.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException | CancellationException e) {
                        return null;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Decides the instances whose SOP Instance UID or study is already indexed; the rest go on. */
        private List<Slot> decideKnown(StowGroup g) {
            List<Slot> pending = g.slots.stream().filter(Slot::pending).toList();
            Map<String, StoredInstance> existing = index.findInstances(
                    pending.stream().map(s -> s.row.sopInstanceUid()).toList());
            Map<String, String> owners = index.studyHospitals(
                    pending.stream().map(s -> s.row.studyInstanceUid()).distinct().toList());
            List<Slot> fresh = new ArrayList<>();
            for (Slot s : pending) {
                StoredInstance there = existing.get(s.row.sopInstanceUid());
                String owner = owners.get(s.row.studyInstanceUid());
                if (there != null) {
                    alreadyThere(s, there, g.hospitalId);
                } else if (owner != null && !owner.equals(g.hospitalId)) {
                    s.failed(Status.NOT_AUTHORIZED.code(), "the study belongs to another hospital");
                } else {
                    fresh.add(s);
                }
            }
            return fresh;
        }

        private static void alreadyThere(Slot s, StoredInstance there, String hospitalId) {
            if (!there.hospitalId().equals(hospitalId)) {
                s.failed(Status.NOT_AUTHORIZED.code(), "the instance belongs to another hospital");
            } else if (there.sha256().equals(s.row.sha256())) {
                s.stored("already stored");
            } else {
                s.failed(Status.DUPLICATE_SOP_INSTANCE.code(),
                        "a different instance with this SOP Instance UID is already stored");
            }
        }

        /**
         * Publishes the staged objects of {@code fresh} (their writes began as they arrived);
         * the slots whose object is now durable under its key.
         */
        private List<Slot> createObjects(StowGroup g, List<Slot> fresh) throws IOException {
            Map<String, ObjectStore.Staged> staged = new LinkedHashMap<>();
            List<Slot> ready = new ArrayList<>();
            for (Slot s : fresh) {
                try {
                    staged.put(s.row.objectKey(), s.staged.get());
                    ready.add(s);
                } catch (ExecutionException e) {
                    log.error("<< staging {} of study {} failed: {}", s.row.sopInstanceUid(), s.row.studyInstanceUid(),
                            e.getCause().toString());
                    s.failed(Status.OUT_OF_RESOURCES.code(), "the object store refused the instance");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while storing objects");
                }
            }
            Map<String, IOException> failed = staged.isEmpty() ? Map.of() : store.publish(staged);
            List<Slot> created = new ArrayList<>();
            for (Slot s : ready) {
                IOException why = failed.get(s.row.objectKey());
                if (why == null) {
                    created.add(s);
                } else {
                    log.error("<< storing {} of study {} failed: {}", s.row.sopInstanceUid(), s.row.studyInstanceUid(),
                            why.toString());
                    s.failed(Status.OUT_OF_RESOURCES.code(), "the object store refused the instance");
                }
            }
            return created;
        }

        /** One instance in its own transaction, as it meets the rows already there. */
        private void commitAlone(Slot s) throws IOException {
            switch (index.commit(s.row)) {
                case STORED -> s.stored("stored");
                // a concurrent request indexed the same bytes under the same key first
                case ALREADY_STORED -> s.stored("already stored");
                case CONFLICT -> {
                    removeUnindexed(s.row);
                    s.failed(Status.DUPLICATE_SOP_INSTANCE.code(),
                            "a different instance with this SOP Instance UID is already stored");
                }
                case OTHER_OWNER -> {
                    removeUnindexed(s.row);
                    s.failed(Status.NOT_AUTHORIZED.code(), "the study or series belongs to another hospital or study");
                }
            }
        }

        /**
         * Removes the object just stored for a row that was not committed, unless an indexed
         * instance points at the same key (the same bytes of the same instance, stored meanwhile
         * by another request): that object must stay.
         */
        private void removeUnindexed(IndexedInstance row) throws IOException {
            boolean pointedAt = index.findInstance(row.sopInstanceUid())
                    .filter(there -> there.objectKey().equals(row.objectKey())).isPresent();
            if (!pointedAt) {
                store.remove(row.objectKey());
            }
        }

        /** One line per study of the group, not per instance. */
        private static void logStored(StowGroup g) {
            Map<String, long[]> perStudy = new LinkedHashMap<>();
            for (Slot s : g.slots) {
                if (s.stored && "stored".equals(s.detail)) {
                    long[] c = perStudy.computeIfAbsent(s.row.studyInstanceUid(), k -> new long[2]);
                    c[0]++;
                    c[1] += s.row.objectSize();
                }
            }
            perStudy.forEach((study, c) -> log.info(">> stored {} instances of study {} for {} ({} bytes)", c[0], study,
                    g.hospitalId, c[1]));
        }
    }
}
