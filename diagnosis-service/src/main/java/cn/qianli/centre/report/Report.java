package cn.qianli.centre.report;

import java.time.Instant;
import java.util.List;

/**
 * A report as radiologists and the clinic see it; text fields are plain text, never markup.
 *
 * @param status             {@code draft}, {@code preliminary}, {@code final} or {@code amended}
 * @param criticalEscalated  a critical result the clinic has not acknowledged in time
 * @param dicomSopInstanceUid the latest Encapsulated PDF of the report stored with the study, or null
 * @param addenda            signed after the final report, oldest first; shown with the original
 */
public record Report(long id, long requestId, String studyInstanceUid, String hospitalId, String status,
        String language, String findings, String impression, boolean critical, String author, int version,
        Instant updatedAt, String preliminarySignedBy, Instant preliminarySignedAt, String finalSignedBy,
        Instant finalSignedAt, String criticalAcknowledgedBy, Instant criticalAcknowledgedAt,
        boolean criticalEscalated, String dicomSeriesInstanceUid, String dicomSopInstanceUid,
        List<Addendum> addenda) {

    /** Text added to a final report, signed by its author. */
    public record Addendum(long id, String text, String signedBy, Instant signedAt) {
    }

    public boolean isFinal() {
        return finalSignedAt != null;
    }

    public boolean signed() {
        return preliminarySignedAt != null || finalSignedAt != null;
    }

    /** When the clinic was first told of the result (the first signature). */
    public Instant firstSignedAt() {
        return preliminarySignedAt != null ? preliminarySignedAt : finalSignedAt;
    }
}
