package cn.qianli.centre.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash that links an entry to the one before it: SHA-256 over the previous hash and every
 * field of the entry, each written as its UTF-8 length and bytes so no two entries encode alike.
 */
final class AuditChain {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(String prevHash, Instant at, AuditEntry e) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (String field : new String[] {prevHash, at.toString(), e.actor(), e.role(), e.hospitalId(), e.action(),
                e.studyInstanceUid(), e.seriesInstanceUid(), e.sopInstanceUid(), e.outcome(), e.clientAddress(),
                e.detail()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
