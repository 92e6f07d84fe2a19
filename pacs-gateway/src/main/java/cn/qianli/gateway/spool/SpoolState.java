package cn.qianli.gateway.spool;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the spool holds right now, for the status page and the heartbeat.
 *
 * @param studies pending instances grouped by study, urgent first
 */
public record SpoolState(int queueDepth, long bytesPending, Optional<Instant> oldestPending, int inFlight,
                         Optional<String> lastError, List<StudyProgress> studies, List<Quarantined> quarantined,
                         long freeDiskBytes) {

    /** Pending instances and bytes of one study. */
    public record StudyProgress(String studyInstanceUid, boolean urgent, int instancesPending, long bytesPending,
                                Instant lastReceived) {
    }
}
