package cn.qianli.dicom.part10;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The File Meta Information of a Part 10 file (PS3.10 7.1), the elements the network layer
 * reads and writes. {@link #write} produces the preamble, the {@code DICM} prefix and group 0002
 * in explicit VR little endian, with a correct group length.
 *
 * @param mediaStorageSopClassUid    (0002,0002)
 * @param mediaStorageSopInstanceUid (0002,0003)
 * @param transferSyntaxUid          (0002,0010), the transfer syntax of the data set that follows
 * @param implementationClassUid     (0002,0012)
 * @param implementationVersionName  (0002,0013), may be empty
 * @param sourceAeTitle              (0002,0016), may be empty
 */
public record FileMetaInformation(String mediaStorageSopClassUid, String mediaStorageSopInstanceUid,
        String transferSyntaxUid, String implementationClassUid, String implementationVersionName,
        String sourceAeTitle) {

    /** Qianli's Implementation Version Name (at most 16 characters). */
    public static final String IMPLEMENTATION_VERSION_NAME = "QIANLI_01";

    private static final int PREAMBLE_LENGTH = 128;

    public FileMetaInformation {
        implementationClassUid = implementationClassUid == null ? "" : implementationClassUid;
        implementationVersionName = implementationVersionName == null ? "" : implementationVersionName;
        sourceAeTitle = sourceAeTitle == null ? "" : sourceAeTitle;
    }

    /** Meta information as Qianli writes it for an instance received from {@code sourceAeTitle}. */
    public static FileMetaInformation of(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            String sourceAeTitle) {
        return new FileMetaInformation(sopClassUid, sopInstanceUid, transferSyntaxUid,
                Uid.QIANLI_IMPLEMENTATION_CLASS, IMPLEMENTATION_VERSION_NAME, sourceAeTitle);
    }

    /** Writes preamble, prefix and group 0002; returns the number of bytes written. */
    public int write(OutputStream out) throws IOException {
        ByteArrayOutputStream group = new ByteArrayOutputStream(256);
        element(group, Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1});
        element(group, Tag.MediaStorageSOPClassUID, "UI", uid(mediaStorageSopClassUid));
        element(group, Tag.MediaStorageSOPInstanceUID, "UI", uid(mediaStorageSopInstanceUid));
        element(group, Tag.TransferSyntaxUID, "UI", uid(transferSyntaxUid));
        element(group, Tag.ImplementationClassUID, "UI", uid(implementationClassUid));
        if (!implementationVersionName.isEmpty()) {
            element(group, Tag.ImplementationVersionName, "SH", text(implementationVersionName));
        }
        if (!sourceAeTitle.isEmpty()) {
            element(group, Tag.SourceApplicationEntityTitle, "AE", text(sourceAeTitle));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(PREAMBLE_LENGTH + 16 + group.size());
        all.write(new byte[PREAMBLE_LENGTH]);
        all.write("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] length = new byte[4];
        putInt(length, 0, group.size());
        element(all, Tag.FileMetaInformationGroupLength, "UL", length);
        group.writeTo(all);
        all.writeTo(out);
        return all.size();
    }

    /** True when {@code uid} follows PS3.5 9.1: 1..64 characters, numeric components, no leading zeros. */
    public static boolean isValidUid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            char c = i < uid.length() ? uid.charAt(i) : '.';
            if (c == '.') {
                int length = i - componentStart;
                if (length == 0 || (length > 1 && uid.charAt(componentStart) == '0')) {
                    return false;
                }
                componentStart = i + 1;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        byte[] header = new byte[12];
        putShort(header, 0, tag >>> 16);
        putShort(header, 2, tag & 0xFFFF);
        header[4] = (byte) vr.charAt(0);
        header[5] = (byte) vr.charAt(1);
        if (vr.equals("OB")) {
            putInt(header, 8, value.length);
            out.write(header, 0, 12);
        } else {
            putShort(header, 6, value.length);
            out.write(header, 0, 8);
        }
        out.write(value, 0, value.length);
    }

    private static byte[] uid(String uid) {
        byte[] ascii = uid.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length % 2 == 0) {
            return ascii;
        }
        byte[] padded = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, padded, 0, ascii.length);
        return padded;
    }

    private static byte[] text(String text) {
        String even = text.length() % 2 == 0 ? text : text + " ";
        return even.getBytes(StandardCharsets.US_ASCII);
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
