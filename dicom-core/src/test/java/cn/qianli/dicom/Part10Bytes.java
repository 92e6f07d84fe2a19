package cn.qianli.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds Part 10 files byte by byte (explicit VR little endian elements) for malformed-input tests. */
public final class Part10Bytes {

    private final ByteArrayOutputStream dataSet = new ByteArrayOutputStream();

    /** An element with its value padded to even length, the length field as long as its VR wants. */
    public Part10Bytes element(int tag, String vr, byte[] value) {
        byte[] padded = value.length % 2 == 0 ? value : java.util.Arrays.copyOf(value, value.length + 1);
        if (Vr.of(vr).hasLongLength()) {
            longHeader(tag, vr, padded.length);
        } else {
            header(tag, vr);
            dataSet.writeBytes(le16(padded.length));
        }
        dataSet.writeBytes(padded);
        return this;
    }

    public Part10Bytes text(int tag, String vr, String value) {
        return element(tag, vr, value.getBytes(StandardCharsets.US_ASCII));
    }

    public Part10Bytes unsignedShort(int tag, int value) {
        return element(tag, "US", le16(value));
    }

    /** An element with a 32-bit length field ({@code 0xFFFFFFFF} for undefined length), no value. */
    public Part10Bytes longHeader(int tag, String vr, long length) {
        header(tag, vr);
        dataSet.writeBytes(new byte[2]);
        dataSet.writeBytes(le32(length));
        return this;
    }

    /** An item, sequence or fragment header: tag and 32-bit length. */
    public Part10Bytes item(int tag, long length) {
        dataSet.writeBytes(le16(tag >>> 16));
        dataSet.writeBytes(le16(tag & 0xFFFF));
        dataSet.writeBytes(le32(length));
        return this;
    }

    public Part10Bytes raw(byte[] bytes) {
        dataSet.writeBytes(bytes);
        return this;
    }

    /** The identifying UIDs every readable instance needs. */
    public Part10Bytes identity() {
        return text(Tag.SOPClassUID, "UI", Uid.SECONDARY_CAPTURE_IMAGE_STORAGE)
                .text(Tag.SOPInstanceUID, "UI", "1.2.3.4")
                .text(Tag.StudyInstanceUID, "UI", "1.2.3")
                .text(Tag.SeriesInstanceUID, "UI", "1.2.3.1");
    }

    public byte[] dataSetBytes() {
        return dataSet.toByteArray();
    }

    /** Preamble, "DICM", File Meta Information naming the transfer syntax, then the data set. */
    public byte[] file(String transferSyntaxUid) {
        return file(transferSyntaxUid, dataSetBytes());
    }

    public static byte[] file(String transferSyntaxUid, byte[] dataSetBytes) {
        Part10Bytes meta = new Part10Bytes()
                .element(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1})
                .element(Tag.TransferSyntaxUID, "UI", uid(transferSyntaxUid));
        byte[] elements = meta.dataSetBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new Part10Bytes().element(Tag.FileMetaInformationGroupLength, "UL",
                le32(elements.length)).dataSetBytes());
        out.writeBytes(elements);
        out.writeBytes(dataSetBytes);
        return out.toByteArray();
    }

    private static byte[] uid(String uid) {
        byte[] b = uid.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    private void header(int tag, String vr) {
        dataSet.writeBytes(le16(tag >>> 16));
        dataSet.writeBytes(le16(tag & 0xFFFF));
        dataSet.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] le16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }

    static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }
}
