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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        final Path temp;
        final IndexedInstance row;
        boolean stored;
        int reason;
        String outcome;
        String detail;

        Slot(InstanceIdentity id, Path temp, IndexedInstance row) {
            this.id = id;
            this.temp = temp;
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

    /** An instance received whole into {@code temp}, which the group deletes once it is stored. */
    void received(InstanceIdentity id, Path temp, IndexedInstance row) {
        slots.add(new Slot(id, temp, row));
        sops.add(row.sopInstanceUid());
        bytes += row.objectSize();
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
     * Stores a group: instances already indexed or of another hospital's study are decided from
     * two queries; the new ones' objects are written to the store at once, each durable when its
     * write returns (ARCHITECTURE.md guarantee 3); then their index rows and the audit entries of
     * the whole group are committed in one transaction. When that transaction meets rows the
     * queries did not see (a concurrent request), it changes nothing and the instances are
     * committed one at a time as they always could be.
     */
    @Component
    static class Committer {

        private static final Logger log = LoggerFactory.getLogger(StowGroup.class);

        private final ArchiveIndex index;
        private final ObjectStore store;
        private final AuditTrail audit;

        Committer(ArchiveIndex index, ObjectStore store, AuditTrail audit) {
            this.index = index;
            this.store = store;
            this.audit = audit;
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
                for (Slot s : g.slots) {
                    if (s.temp != null) {
                        Files.deleteIfExists(s.temp);
                    }
                }
                g.finish();
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

        /** Writes the objects side by side (their flushes to disk overlap); the slots whose object is in the store. */
        private List<Slot> createObjects(StowGroup g, List<Slot> fresh) throws IOException {
            Map<Slot, Future<?>> writes = new LinkedHashMap<>();
            try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Slot s : fresh) {
                    writes.put(s, writers.submit(() -> {
                        store.create(s.row.objectKey(), s.temp);
                        return null;
                    }));
                }
            }
            List<Slot> created = new ArrayList<>();
            for (var w : writes.entrySet()) {
                Slot s = w.getKey();
                try {
                    w.getValue().get();
                    created.add(s);
                } catch (ExecutionException e) {
                    log.error("<< storing {} of study {} failed: {}", s.row.sopInstanceUid(), s.row.studyInstanceUid(),
                            e.getCause().toString());
                    s.failed(Status.OUT_OF_RESOURCES.code(), "the object store refused the instance");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while storing objects");
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
                    store.remove(s.row.objectKey());
                    s.failed(Status.DUPLICATE_SOP_INSTANCE.code(),
                            "a different instance with this SOP Instance UID is already stored");
                }
                case OTHER_OWNER -> {
                    store.remove(s.row.objectKey());
                    s.failed(Status.NOT_AUTHORIZED.code(), "the study or series belongs to another hospital or study");
                }
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
