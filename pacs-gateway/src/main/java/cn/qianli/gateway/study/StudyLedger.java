package cn.qianli.gateway.study;

import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpooledInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only text file per study under {@code spool/studies/}: a {@code study UID} line,
 * an {@code instance UID} line per distinct SOP instance received, a {@code complete N} line each
 * time the centre accepted a declaration. On start every instance still queued is added again,
 * so a crash between spooling and ledgering loses nothing that can still be counted.
 */
public final class StudyLedger {

    private static final Logger log = LoggerFactory.getLogger(StudyLedger.class);

    /** What the ledger knows of one study. */
    public record Study(String studyInstanceUid, int instances, Instant lastReceived, int declared,
                        Instant declaredAt) {
        public boolean isDeclared() {
            return declared == instances;
        }
    }

    private static final class Entry {
        final String uid;
        final Set<String> instances = new LinkedHashSet<>();
        Instant lastReceived = Instant.EPOCH;
        int declared = -1;
        Instant declaredAt = Instant.EPOCH;

        Entry(String uid) {
            this.uid = uid;
        }
    }

    private final Path directory;
    private final Clock clock;
    private final Map<String, Entry> studies = new HashMap<>();

    private StudyLedger(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public static StudyLedger open(Path directory, Spool spool, Clock clock) throws IOException {
        Files.createDirectories(directory);
        StudyLedger ledger = new StudyLedger(directory, clock);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.study")) {
            for (Path file : files) {
                ledger.load(file);
            }
        }
        for (SpooledInstance queued : spool.queued()) {
            ledger.received(queued);
        }
        spool.onStored(ledger::received);
        return ledger;
    }

    private void load(Path file) throws IOException {
        Entry entry = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            if (parts.length < 2) {
                continue; // a line torn by a crash
            }
            switch (parts[0]) {
                case "study" -> entry = studies.computeIfAbsent(parts[1], Entry::new);
                case "instance" -> {
                    if (entry != null) {
                        entry.instances.add(parts[1]);
                    }
                }
                case "complete" -> {
                    if (entry != null && parts.length >= 3) {
                        entry.declared = Integer.parseInt(parts[1]);
                        entry.declaredAt = Instant.ofEpochMilli(Long.parseLong(parts[2]));
                    }
                }
                default -> { }
            }
        }
        if (entry != null) {
            entry.lastReceived = Files.getLastModifiedTime(file).toInstant();
        }
    }

    /** Records a durably spooled instance (called by the spool). */
    public void received(SpooledInstance instance) {
        String study = instance.keys().studyInstanceUid();
        if (study == null || study.isEmpty()) {
            return;
        }
        synchronized (this) {
            Entry entry = studies.get(study);
            boolean created = entry == null;
            if (created) {
                entry = new Entry(study);
                studies.put(study, entry);
            }
            entry.lastReceived = clock.instant();
            String sop = instance.keys().sopInstanceUid();
            if (entry.instances.add(sop)) {
                append(study, (created ? "study " + study + "\n" : "") + "instance " + sop + "\n");
            } else {
                touch(study);
            }
        }
    }

    /** The centre accepted that {@code study} is complete with {@code instances}. */
    public synchronized void declared(String study, int instances) {
        Entry entry = studies.get(study);
        if (entry != null) {
            entry.declared = instances;
            entry.declaredAt = clock.instant();
            append(study, "complete " + instances + " " + entry.declaredAt.toEpochMilli() + "\n");
        }
    }

    public synchronized List<Study> studies() {
        List<Study> list = new ArrayList<>();
        for (Entry e : studies.values()) {
            list.add(new Study(e.uid, e.instances.size(), e.lastReceived, e.declared, e.declaredAt));
        }
        return list;
    }

    /** Forgets studies declared complete, and quiet, for longer than {@code retention}. */
    public synchronized void forgetOlderThan(Instant cutoff) {
        studies.values().removeIf(e -> {
            boolean old = e.declared == e.instances.size() && e.declaredAt.isBefore(cutoff)
                    && e.lastReceived.isBefore(cutoff);
            if (old) {
                try {
                    Files.deleteIfExists(file(e.uid));
                } catch (IOException ex) {
                    log.warn("cannot delete study ledger {}: {}", file(e.uid), ex.toString());
                }
            }
            return old;
        });
    }

    private Path file(String study) {
        return directory.resolve(Spool.keyOf(study) + ".study");
    }

    private void append(String study, String lines) {
        try {
            Files.writeString(file(study), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.error("cannot write study ledger for study {}: {}", study, e.toString());
        }
    }

    private void touch(String study) {
        try {
            Files.setLastModifiedTime(file(study), java.nio.file.attribute.FileTime.from(clock.instant()));
        } catch (IOException e) {
            log.debug("cannot touch study ledger: {}", e.toString());
        }
    }
}
