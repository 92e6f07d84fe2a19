package cn.qianli.centre.audit;

import java.time.Instant;

/**
 * Filters for reading the trail; null means any. Text filters match exactly.
 */
public record AuditQuery(String actor, String hospitalId, String action, String studyInstanceUid, String outcome,
        Instant from, Instant to, int limit, long offset) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        limit = limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
        offset = Math.max(0, offset);
    }
}
