/**
 * The durable spool: every received instance is a Part 10 file written to a temporary name,
 * fsynced, renamed into {@code queue/} and the directory fsynced; that file is the only record.
 * The in-memory index (priorities, progress, attempts) is rebuilt from the files on start.
 * An instance leaves {@code queue/} only when the centre has acknowledged it, or into
 * {@code quarantine/} with the reason when the centre refused it as invalid.
 */
package cn.qianli.gateway.spool;
