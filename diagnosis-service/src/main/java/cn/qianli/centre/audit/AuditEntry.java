package cn.qianli.centre.audit;

import java.time.Instant;

/**
 * One line of the audit trail. {@code seq}, {@code prevHash} and {@code hash} are assigned when
 * it is appended.
 */
public record AuditEntry(long seq, Instant at, String actor, String role, String hospitalId, String action,
        String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String outcome,
        String clientAddress, String detail, String prevHash, String hash) {

    public AuditEntry {
        actor = orEmpty(actor);
        role = orEmpty(role);
        hospitalId = orEmpty(hospitalId);
        action = orEmpty(action);
        studyInstanceUid = orEmpty(studyInstanceUid);
        seriesInstanceUid = orEmpty(seriesInstanceUid);
        sopInstanceUid = orEmpty(sopInstanceUid);
        outcome = orEmpty(outcome);
        clientAddress = orEmpty(clientAddress);
        detail = orEmpty(detail);
    }

    /** A new entry, before it is appended. */
    public static AuditEntry of(String actor, String role, String hospitalId, String action, String studyInstanceUid,
            String seriesInstanceUid, String sopInstanceUid, String outcome, String clientAddress, String detail) {
        return new AuditEntry(0, null, actor, role, hospitalId, action, studyInstanceUid, seriesInstanceUid,
                sopInstanceUid, outcome, clientAddress, detail, null, null);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
