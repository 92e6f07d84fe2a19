package cn.qianli.centre.reading;

import java.time.Instant;

/**
 * A reading request as the worklist and the clinic see it.
 *
 * @param effectivePriority the priority it is read with: its own, raised by the pre-screen's
 * @param numberOfInstances instances stored so far; {@code expectedInstances} when the sender said
 * @param claimExpired      whether the claim timed out (anyone may take it)
 */
public record ReadingRequest(long id, String studyInstanceUid, String hospitalId, String hospitalName,
        String patientId, String patientName, String patientSex, String patientBirthDate, String studyDate,
        String accessionNumber, String studyDescription, String modality, String bodyPart, int numberOfInstances,
        Integer expectedInstances, ReadingState state, Instant stateChangedAt, Priority priority,
        Priority effectivePriority, Priority aiPriority, String aiReason, String procedure, String history,
        String question, String requestingDoctor, Instant arrivedAt, Instant dueAt, String claimedBy,
        Instant claimedAt, Instant claimExpiresAt, boolean claimExpired, int version) {

    /** Whether {@code actor} holds a live claim at {@code now}. */
    public boolean claimedBy(String actor, Instant now) {
        return actor.equals(claimedBy) && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }
}
