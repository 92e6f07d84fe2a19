package cn.qianli.gateway.spool;

import java.time.Instant;

/** An instance the centre refused as invalid, kept with the reason until an operator acts. */
public record Quarantined(String key, String sopInstanceUid, String studyInstanceUid, String reason, Instant when) {
}
