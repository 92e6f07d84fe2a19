/**
 * The audit trail: every request under {@code /dicom-web} and {@code /api} leaves one entry
 * (who, role, hospital, action, study/series/instance, outcome, client address, time).
 * Append-only in the database (the service's role may only INSERT and SELECT) and hash-chained:
 * each entry's hash covers the previous entry's hash and all its own fields, so
 * {@link cn.qianli.centre.audit.AuditTrail#verify()} finds any edited or removed entry.
 * Auditors read it at {@code GET /api/audit} and check it at {@code GET /api/audit/verification}.
 */
package cn.qianli.centre.audit;
