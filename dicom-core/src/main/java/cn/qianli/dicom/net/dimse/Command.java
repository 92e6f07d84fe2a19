package cn.qianli.dicom.net.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 section 6.3, Annex E): group 0000 elements encoded in implicit VR
 * little endian, Command Group Length first. Holds the raw values; typed accessors decode them.
 */
public final class Command {

    // Command field tags, PS3.7 Annex E (group 0000)
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

    // Command Field values, PS3.7 Annex E
    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_FIND_RSP = 0x8020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int C_CANCEL_RQ = 0x0FFF;

    /** Command Data Set Type value meaning "no data set follows". */
    public static final int NO_DATA_SET = 0x0101;
    /** A Command Data Set Type value meaning "a data set follows" (any value but 0101H). */
    public static final int DATA_SET_PRESENT = 0x0000;
    /** Priority MEDIUM. */
    public static final int MEDIUM = 0x0000;

    private final TreeMap<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

    public Command() {
    }

    /** A request with the usual fields. */
    public static Command request(int commandField, int messageId, String affectedSopClassUid, boolean dataSet) {
        Command c = new Command();
        c.setString(AffectedSOPClassUID, affectedSopClassUid);
        c.setInt(CommandField, commandField);
        c.setInt(MessageID, messageId);
        c.setInt(CommandDataSetType, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
        return c;
    }

    /** The response to {@code request} with {@code status}, echoing its SOP class and instance. */
    public static Command responseTo(Command request, int status, boolean dataSet) {
        Command c = new Command();
        String sopClass = request.getString(AffectedSOPClassUID);
        if (!sopClass.isEmpty()) {
            c.setString(AffectedSOPClassUID, sopClass);
        }
        c.setInt(CommandField, request.commandField() | 0x8000);
        c.setInt(MessageIDBeingRespondedTo, request.getInt(MessageID, 0));
        c.setInt(CommandDataSetType, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
        c.setInt(Status, status);
        String sopInstance = request.getString(AffectedSOPInstanceUID);
        if (!sopInstance.isEmpty()) {
            c.setString(AffectedSOPInstanceUID, sopInstance);
        }
        return c;
    }

    public int commandField() {
        return getInt(CommandField, -1);
    }

    public int messageId() {
        return getInt(MessageID, -1);
    }

    public int status() {
        return getInt(Status, -1);
    }

    public boolean hasDataSet() {
        return getInt(CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** A US or UL value, or {@code absent}. */
    public int getInt(int tag, int absent) {
        byte[] v = elements.get(tag);
        if (v == null || (v.length != 2 && v.length != 4)) {
            return absent;
        }
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        return v.length == 2 ? b.getShort() & 0xFFFF : b.getInt();
    }

    /** A UI/AE/LO value without padding, or "". */
    public String getString(int tag) {
        byte[] v = elements.get(tag);
        if (v == null) {
            return "";
        }
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
            end--;
        }
        return new String(v, 0, end, StandardCharsets.ISO_8859_1).trim();
    }

    /** An AT value as tags (group &lt;&lt; 16 | element). */
    public int[] getTags(int tag) {
        byte[] v = elements.get(tag);
        if (v == null) {
            return new int[0];
        }
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        int[] tags = new int[v.length / 4];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
        }
        return tags;
    }

    /** Sets a US value (all group 0000 integers but the group length are US). */
    public Command setInt(int tag, int value) {
        elements.put(tag, new byte[] {(byte) value, (byte) (value >>> 8)});
        return this;
    }

    /** Sets a UI (NUL-padded) or AE/LO (space-padded) value. */
    public Command setString(int tag, String value) {
        byte[] ascii = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] even = new byte[ascii.length + (ascii.length & 1)];
        System.arraycopy(ascii, 0, even, 0, ascii.length);
        if (even.length > ascii.length) {
            even[ascii.length] = isUid(tag) ? 0 : (byte) ' ';
        }
        elements.put(tag, even);
        return this;
    }

    /** Sets an AT value. */
    public Command setTags(int tag, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(tags.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int t : tags) {
            b.putShort((short) (t >>> 16)).putShort((short) t);
        }
        elements.put(tag, b.array());
        return this;
    }

    private static boolean isUid(int tag) {
        return tag == AffectedSOPClassUID || tag == RequestedSOPClassUID || tag == AffectedSOPInstanceUID
                || tag == RequestedSOPInstanceUID;
    }

    /** The command set in implicit VR little endian, Command Group Length first. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != CommandGroupLength) {
                writeElement(body, e.getKey(), e.getValue());
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(body.size() + 12);
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size());
        writeElement(all, CommandGroupLength, length.array());
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }

    /**
     * Decodes a command set.
     *
     * @throws IllegalArgumentException when it is malformed (an element outside group 0000, or a
     *                                  length past the end)
     */
    public static Command decode(byte[] bytes, int length) {
        Command c = new Command();
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            long valueLength = b.getInt() & 0xFFFFFFFFL;
            if (tag >>> 16 != 0 || valueLength > b.remaining()) {
                throw new IllegalArgumentException(String.format("malformed command set at element (%04X,%04X)",
                        tag >>> 16, tag & 0xFFFF));
            }
            byte[] value = new byte[(int) valueLength];
            b.get(value);
            c.elements.put(tag, value);
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("command set ends inside an element header");
        }
        return c;
    }

    private static void writeElement(ByteArrayOutputStream out, int tag, byte[] value) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) (tag >>> 16)).putShort((short) tag).putInt(value.length);
        out.writeBytes(h.array());
        out.writeBytes(value);
    }

    /** The standard's name of a command field value, for logs. */
    public static String nameOf(int commandField) {
        return switch (commandField) {
            case C_STORE_RQ -> "C-STORE-RQ";
            case C_STORE_RSP -> "C-STORE-RSP";
            case C_GET_RQ -> "C-GET-RQ";
            case C_FIND_RQ -> "C-FIND-RQ";
            case C_FIND_RSP -> "C-FIND-RSP";
            case C_MOVE_RQ -> "C-MOVE-RQ";
            case C_ECHO_RQ -> "C-ECHO-RQ";
            case C_ECHO_RSP -> "C-ECHO-RSP";
            case C_CANCEL_RQ -> "C-CANCEL-RQ";
            default -> String.format("command %04XH", commandField);
        };
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(nameOf(commandField()));
        s.append("[id=").append(contains(MessageID) ? messageId() : getInt(MessageIDBeingRespondedTo, -1));
        if (contains(Status)) {
            s.append(", status=").append(String.format("%04XH", status()));
        }
        String sopInstance = getString(AffectedSOPInstanceUID);
        if (!sopInstance.isEmpty()) {
            String shown = sopInstance.length() > 64 ? sopInstance.substring(0, 64) + "..." : sopInstance;
            s.append(", iuid=").append(shown.replaceAll("[^\\x20-\\x7E]", "?"));
        }
        return s.append(']').toString();
    }
}
