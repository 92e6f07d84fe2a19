package cn.qianli.gateway.spool;

/**
 * What the gateway needs to know of an instance to queue it: its identity and whether its study
 * is urgent.
 *
 * @param urgent true when the instance says its procedure or study is STAT / HIGH priority
 *               (see {@link InstanceReader})
 */
public record InstanceKeys(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                           String studyInstanceUid, boolean urgent) {
}
