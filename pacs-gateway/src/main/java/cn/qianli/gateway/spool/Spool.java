package cn.qianli.gateway.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool. Layout under the root:
 * <pre>
 *   incoming/    files being written (temporary names); emptied on start
 *   queue/       KEY.dcm: one Part 10 file per instance waiting for the centre
 *   quarantine/  KEY.dcm + KEY.reason: instances the centre refused as invalid
 * </pre>
 * A file in {@code queue/} is complete by construction: it got there by an atomic rename after
 * its bytes were fsynced, and the rename was made durable by fsyncing the directory. So the
 * directory listing is the journal, and {@link #open} rebuilds the index from it.
 */
public final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String SUFFIX = ".dcm";
    private static final String REASON = ".reason";

    private final Path incoming;
    private final Path queue;
    private final GroupSync queueSync;
    private final Path quarantine;
    private final long reserveBytes;
    private final InstanceReader reader;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Quarantined> quarantined = new LinkedHashMap<>();
    private final List<Consumer<SpooledInstance>> storedListeners = new CopyOnWriteArrayList<>();
    private long versions;
    private String lastError;

    private static final class Entry {
        SpooledInstance instance;
        boolean inFlight;
        Instant notBefore = Instant.EPOCH;
        int attempts;

        Entry(SpooledInstance instance) {
            this.instance = instance;
        }
    }

    private Spool(Path root, long reserveBytes, InstanceReader reader, Clock clock) {
        this.incoming = root.resolve("incoming");
        this.queue = root.resolve("queue");
        this.quarantine = root.resolve("quarantine");
        this.queueSync = new GroupSync(queue);
        this.reserveBytes = reserveBytes;
        this.reader = reader;
        this.clock = clock;
    }

    /** Opens the spool at {@code root}, creating it if needed, and recovers what a crash left. */
    public static Spool open(Path root, long reserveBytes, InstanceReader reader, Clock clock) throws IOException {
        Spool spool = new Spool(root, reserveBytes, reader, clock);
        spool.recover();
        return spool;
    }

    private void recover() throws IOException {
        for (Path dir : List.of(incoming, queue, quarantine)) {
            Files.createDirectories(dir);
        }
        int discarded = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path file : files) {
                Files.delete(file);
                discarded++;
            }
        }
        DurableFiles.syncDirectory(incoming);
        List<SpooledInstance> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                try {
                    InstanceKeys keys = reader.read(file);
                    found.add(new SpooledInstance(stem(name), file, keys, Files.size(file),
                            Files.getLastModifiedTime(file).toInstant(), ++versions));
                } catch (InvalidInstanceException e) {
                    Path target = quarantine.resolve(name);
                    DurableFiles.rename(file, target);
                    writeReason(stem(name), "unreadable in the spool: " + e.getMessage());
                }
            }
        }
        found.sort(Comparator.comparing(SpooledInstance::receivedAt));
        for (SpooledInstance instance : found) {
            entries.put(instance.key(), new Entry(instance));
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(quarantine, "*" + SUFFIX)) {
            for (Path file : files) {
                String key = stem(file.getFileName().toString());
                quarantined.put(key, readQuarantined(key, file));
            }
        }
        log.info("spool opened: {} instances queued, {} quarantined, {} partial files discarded",
                entries.size(), quarantined.size(), discarded);
    }

    /** Where receivers write new files (same file system as the queue, emptied on start). */
    public Path incomingDirectory() {
        return incoming;
    }

    /** A new temporary file name in the spool's {@code incoming/} directory for a receiver to write to. */
    public Path newIncomingFile() {
        return incoming.resolve(UUID.randomUUID() + ".part");
    }

    /** Free bytes on the spool's file system. */
    public long freeBytes() {
        try {
            return Files.getFileStore(queue).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * @throws SpoolFullException when storing {@code expectedBytes} more would leave less than the reserve
     */
    public void requireSpace(long expectedBytes) throws SpoolFullException {
        long free = freeBytes();
        if (free - Math.max(0, expectedBytes) < reserveBytes) {
            throw new SpoolFullException("spool disk has " + free + " bytes free, reserve is " + reserveBytes);
        }
    }

    /**
     * Takes a complete Part 10 file (normally one from {@link #newIncomingFile()}) into the queue:
     * forces its bytes to disk, renames it into {@code queue/} and makes the rename durable. When
     * this returns, the instance survives a crash or power loss. On failure the file is deleted.
     * The rename's directory fsync is shared with other instances accepted at the same moment
     * ({@link GroupSync}); the source directory needs none, as {@code incoming/} is emptied on start.
     */
    public SpooledInstance accept(Path file) throws IOException {
        try {
            InstanceKeys keys = reader.read(file);
            String key = keyOf(keys.sopInstanceUid());
            Path target = queue.resolve(key + SUFFIX);
            long size = Files.size(file);
            DurableFiles.sync(file);
            SpooledInstance instance;
            synchronized (this) {
                DurableFiles.move(file, target);
                instance = new SpooledInstance(key, target, keys, size, clock.instant(), ++versions);
                Entry entry = entries.get(key);
                if (entry == null) {
                    entries.put(key, new Entry(instance));
                } else {
                    entry.instance = instance;
                    entry.notBefore = Instant.EPOCH;
                }
                notifyAll();
            }
            queueSync.sync();
            for (Consumer<SpooledInstance> listener : storedListeners) {
                listener.accept(instance);
            }
            return instance;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes {@code in} durably into the spool (media import): temp file, fsync, then {@link #accept}. */
    public SpooledInstance store(InputStream in, long expectedBytes) throws IOException {
        requireSpace(expectedBytes);
        Path temp = newIncomingFile();
        try {
            DurableFiles.writeAndSync(in, temp);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (freeBytes() < reserveBytes) {
                throw new SpoolFullException("spool disk full while writing: " + e.getMessage());
            }
            throw e;
        }
        return accept(temp);
    }

    /** Called after each instance is durably stored (completeness tracking, wake-ups). */
    public void onStored(Consumer<SpooledInstance> listener) {
        storedListeners.add(listener);
    }

    /**
     * Takes up to {@code maxCount} instances / {@code maxBytes} (at least one instance) that are due,
     * urgent ones first, then in arrival order, and marks them in flight.
     *
     * @param urgentOnly take only urgent instances (outside the bulk time window)
     */
    public synchronized List<SpooledInstance> take(int maxCount, long maxBytes, boolean urgentOnly) {
        Instant now = clock.instant();
        List<Entry> due = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (!entry.inFlight && !entry.notBefore.isAfter(now) && (!urgentOnly || entry.instance.keys().urgent())) {
                due.add(entry);
            }
        }
        due.sort(Comparator.comparing((Entry e) -> !e.instance.keys().urgent())
                .thenComparing(e -> e.instance.receivedAt()));
        List<SpooledInstance> batch = new ArrayList<>();
        long bytes = 0;
        for (Entry entry : due) {
            if (batch.size() >= maxCount || (!batch.isEmpty() && bytes + entry.instance.size() > maxBytes)) {
                break;
            }
            entry.inFlight = true;
            batch.add(entry.instance);
            bytes += entry.instance.size();
        }
        return batch;
    }

    /** Waits until an instance may be due or {@code millis} pass. */
    public synchronized void awaitWork(long millis) throws InterruptedException {
        Instant now = clock.instant();
        long wait = millis;
        for (Entry entry : entries.values()) {
            if (!entry.inFlight) {
                wait = Math.min(wait, Math.max(0, entry.notBefore.toEpochMilli() - now.toEpochMilli()));
            }
        }
        if (wait > 0) {
            wait(wait);
        }
    }

    /** The centre has the instance: remove it from the spool, unless a newer version arrived meanwhile. */
    public void acknowledged(SpooledInstance instance) throws IOException {
        synchronized (this) {
            Entry entry = entries.get(instance.key());
            if (entry == null || entry.instance.version() != instance.version()) {
                if (entry != null) {
                    entry.inFlight = false;
                }
                return;
            }
            DurableFiles.delete(instance.file());
            entries.remove(instance.key());
        }
    }

    /** Sending failed for a reason that may pass: try again not before {@code notBefore}. */
    public synchronized void retryLater(SpooledInstance instance, Instant notBefore, String error) {
        lastError = error;
        Entry entry = entries.get(instance.key());
        if (entry != null) {
            entry.inFlight = false;
            if (entry.instance.version() == instance.version()) {
                entry.attempts++;
                entry.notBefore = notBefore;
            }
            notifyAll();
        }
    }

    /**
     * Puts a taken batch back as it was, not counted as an attempt (the centre could not even be
     * reached); {@code reason} becomes the last error.
     */
    public synchronized void release(List<SpooledInstance> batch, String reason) {
        lastError = reason;
        for (SpooledInstance instance : batch) {
            Entry entry = entries.get(instance.key());
            if (entry != null) {
                entry.inFlight = false;
            }
        }
        notifyAll();
    }

    /** How many times this version of the instance failed to send. */
    public synchronized int attempts(SpooledInstance instance) {
        Entry entry = entries.get(instance.key());
        return entry == null ? 0 : entry.attempts;
    }

    /** The centre refused the instance as invalid: move it to quarantine with the reason. */
    public void quarantine(SpooledInstance instance, String reason) throws IOException {
        synchronized (this) {
            lastError = reason;
            Entry entry = entries.get(instance.key());
            if (entry == null || entry.instance.version() != instance.version()) {
                if (entry != null) {
                    entry.inFlight = false;
                }
                return;
            }
            DurableFiles.rename(instance.file(), quarantine.resolve(instance.key() + SUFFIX));
            writeReason(instance.key(), reason);
            entries.remove(instance.key());
            quarantined.put(instance.key(), new Quarantined(instance.key(), instance.keys().sopInstanceUid(),
                    instance.keys().studyInstanceUid(), reason, clock.instant()));
        }
        log.warn("quarantined instance key={} study={}: {}", instance.key(),
                instance.keys().studyInstanceUid(), reason);
    }

    /**
     * An operator sends a quarantined instance again (after the centre was fixed): it moves back
     * into the queue. Returns false when there is no such quarantined instance.
     */
    public boolean requeue(String key) throws IOException {
        synchronized (this) {
            if (!quarantined.containsKey(key) || !key.matches("[0-9a-f]{64}")) {
                return false;
            }
            Path target = queue.resolve(key + SUFFIX);
            DurableFiles.rename(quarantine.resolve(key + SUFFIX), target);
            DurableFiles.delete(quarantine.resolve(key + REASON));
            quarantined.remove(key);
            try {
                InstanceKeys keys = reader.read(target);
                entries.put(key, new Entry(new SpooledInstance(key, target, keys, Files.size(target),
                        clock.instant(), ++versions)));
            } catch (InvalidInstanceException e) {
                DurableFiles.rename(target, quarantine.resolve(key + SUFFIX));
                writeReason(key, "unreadable in the spool: " + e.getMessage());
                quarantined.put(key, readQuarantined(key, quarantine.resolve(key + SUFFIX)));
                return false;
            }
            notifyAll();
        }
        log.info("quarantined instance key={} sent again on request", key);
        return true;
    }

    /** The spool's state for the status page and heartbeat. */
    public synchronized SpoolState state() {
        Map<String, SpoolState.StudyProgress> studies = new HashMap<>();
        long bytes = 0;
        int inFlight = 0;
        Instant oldest = null;
        for (Entry entry : entries.values()) {
            SpooledInstance i = entry.instance;
            bytes += i.size();
            inFlight += entry.inFlight ? 1 : 0;
            oldest = oldest == null || i.receivedAt().isBefore(oldest) ? i.receivedAt() : oldest;
            studies.merge(i.keys().studyInstanceUid(),
                    new SpoolState.StudyProgress(i.keys().studyInstanceUid(), i.keys().urgent(), 1, i.size(),
                            i.receivedAt()),
                    (a, b) -> new SpoolState.StudyProgress(a.studyInstanceUid(), a.urgent() || b.urgent(),
                            a.instancesPending() + 1, a.bytesPending() + b.bytesPending(),
                            a.lastReceived().isAfter(b.lastReceived()) ? a.lastReceived() : b.lastReceived()));
        }
        List<SpoolState.StudyProgress> list = new ArrayList<>(studies.values());
        list.sort(Comparator.comparing((SpoolState.StudyProgress s) -> !s.urgent())
                .thenComparing(SpoolState.StudyProgress::lastReceived));
        return new SpoolState(entries.size(), bytes, Optional.ofNullable(oldest), inFlight,
                Optional.ofNullable(lastError), list, List.copyOf(quarantined.values()), freeBytes());
    }

    /** Every instance in the queue, in flight or not. */
    public synchronized List<SpooledInstance> queued() {
        List<SpooledInstance> list = new ArrayList<>();
        for (Entry entry : entries.values()) {
            list.add(entry.instance);
        }
        return list;
    }

    /** The spool's root directory. */
    public Path root() {
        return queue.getParent();
    }

    /** Records an error that is not about one instance (e.g. the centre unreachable). */
    public synchronized void lastError(String error) {
        lastError = error;
    }

    private void writeReason(String key, String reason) throws IOException {
        Path temp = newIncomingFile();
        DurableFiles.writeAndSync(new java.io.ByteArrayInputStream(reason.getBytes(StandardCharsets.UTF_8)), temp);
        DurableFiles.rename(temp, quarantine.resolve(key + REASON));
    }

    private Quarantined readQuarantined(String key, Path file) throws IOException {
        Path reasonFile = quarantine.resolve(key + REASON);
        String reason = Files.exists(reasonFile) ? Files.readString(reasonFile) : "reason not recorded";
        String sop = "";
        String study = "";
        try {
            InstanceKeys keys = reader.read(file);
            sop = keys.sopInstanceUid();
            study = keys.studyInstanceUid();
        } catch (InvalidInstanceException e) {
            sop = "(unreadable)";
        }
        return new Quarantined(key, sop, study, reason, Files.getLastModifiedTime(file).toInstant());
    }

    private static String stem(String name) {
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** The spool file name stem of a SOP Instance UID. */
    public static String keyOf(String sopInstanceUid) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(sopInstanceUid.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
