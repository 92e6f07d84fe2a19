package cn.qianli.dicom.synthetic;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** UIDs under the 2.25 root, derived from a random UUID (PS3.5 B.2). */
public final class Uids {

    private Uids() {
    }

    public static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
