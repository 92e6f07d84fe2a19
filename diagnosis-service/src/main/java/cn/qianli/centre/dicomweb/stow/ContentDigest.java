package cn.qianli.centre.dicomweb.stow;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** The {@code sha-256} member of a {@code Content-Digest} header field (RFC 9530 section 2). */
final class ContentDigest {

    private ContentDigest() {
    }

    /**
     * The announced SHA-256, or empty when the header is absent or announces other algorithms only.
     * A {@code sha-256} member that is no byte sequence of 32 bytes yields an empty array, which
     * matches no digest.
     */
    static Optional<byte[]> sha256(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String member : header.split(",")) {
            int eq = member.indexOf('=');
            if (eq < 0 || !member.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("sha-256")) {
                continue;
            }
            String value = member.substring(eq + 1).strip();
            if (value.length() < 2 || !value.startsWith(":") || !value.endsWith(":")) {
                return Optional.of(new byte[0]);
            }
            try {
                byte[] digest = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
                return Optional.of(digest.length == 32 ? digest : new byte[0]);
            } catch (IllegalArgumentException e) {
                return Optional.of(new byte[0]);
            }
        }
        return Optional.empty();
    }
}
