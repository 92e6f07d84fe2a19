package cn.qianli.gateway.spool;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One instance in the spool.
 *
 * @param key        file name stem: SHA-256 of the SOP Instance UID in hex (never the UID itself)
 * @param version    grows each time the same SOP instance is stored again; an acknowledgement
 *                   removes the file only if it is still the version that was sent
 */
public record SpooledInstance(String key, Path file, InstanceKeys keys, long size, Instant receivedAt,
                              long version) {
}
