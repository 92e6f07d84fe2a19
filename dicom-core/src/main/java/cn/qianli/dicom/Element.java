package cn.qianli.dicom;

import cn.qianli.dicom.charset.SpecificCharacterSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One data element of a {@link DataSet}: its tag, VR and value. A value read from a file keeps
 * its encoded bytes (and, when the file can be addressed, their offset in it) and is decoded when
 * asked: text through the Specific Character Set in force for the data set it belongs to,
 * binary numbers in the byte order of the transfer syntax.
 */
public final class Element {

    private final int tag;
    private final Vr vr;
    private final ByteBuffer value;
    private final long valueOffset;
    private final List<DataSet> items;
    private final List<ByteBuffer> fragments;
    private final List<ByteRange> fragmentRanges;
    private final String[] text;
    private final DataSet owner;

    private Element(int tag, Vr vr, ByteBuffer value, long valueOffset, List<DataSet> items,
            List<ByteBuffer> fragments, List<ByteRange> fragmentRanges, String[] text, DataSet owner) {
        this.tag = tag;
        this.vr = vr;
        this.value = value;
        this.valueOffset = valueOffset;
        this.items = items;
        this.fragments = fragments;
        this.fragmentRanges = fragmentRanges;
        this.text = text;
        this.owner = owner;
    }

    static Element ofBytes(DataSet owner, int tag, Vr vr, ByteBuffer value, long valueOffset) {
        return new Element(tag, vr, value, valueOffset, null, null, null, null, owner);
    }

    static Element ofItems(DataSet owner, int tag, Vr vr, List<DataSet> items) {
        return new Element(tag, vr, null, -1, List.copyOf(items), null, null, null, owner);
    }

    static Element ofFragments(DataSet owner, int tag, Vr vr, List<ByteBuffer> fragments,
            List<ByteRange> ranges) {
        return new Element(tag, vr, null, -1, null, List.copyOf(fragments),
                ranges == null ? null : List.copyOf(ranges), null, owner);
    }

    static Element ofText(DataSet owner, int tag, Vr vr, String[] values) {
        return new Element(tag, vr, null, -1, null, null, null, values.clone(), owner);
    }

    public int tag() {
        return tag;
    }

    public Vr vr() {
        return vr;
    }

    /** True when the element has no value (zero length, no items, no fragments). */
    public boolean isEmpty() {
        if (items != null) {
            return items.isEmpty();
        }
        if (fragments != null) {
            return false;
        }
        if (text != null) {
            return text.length == 0;
        }
        return value.remaining() == 0;
    }

    /** Length of the encoded value in bytes; -1 for sequences and encapsulated pixel data. */
    public long length() {
        if (value != null) {
            return value.remaining();
        }
        if (text != null) {
            return String.join("\\", text).getBytes(StandardCharsets.UTF_8).length;
        }
        return -1;
    }

    /** Offset of the value's first byte in the file it was read from; -1 when it has none. */
    public long valueOffset() {
        return valueOffset;
    }

    /** The items of a sequence (empty for other elements). */
    public List<DataSet> items() {
        return items == null ? List.of() : items;
    }

    /** True for encapsulated (compressed) Pixel Data: a list of fragments. */
    public boolean isEncapsulated() {
        return fragments != null;
    }

    /** Number of encapsulated items, the Basic Offset Table being item 0. */
    public int fragmentCount() {
        return fragments == null ? 0 : fragments.size();
    }

    /** The bytes of encapsulated item {@code index} (0 is the Basic Offset Table). */
    public byte[] fragment(int index) {
        return copy(fragments.get(index));
    }

    /** Length in bytes of encapsulated item {@code index}. */
    public int fragmentLength(int index) {
        return fragments.get(index).remaining();
    }

    /** A read-only view of encapsulated item {@code index}, without copying it. */
    public ByteBuffer fragmentBuffer(int index) {
        return fragments.get(index).duplicate();
    }

    /** Where each encapsulated item's value lies in the file; null when it cannot be addressed. */
    public List<ByteRange> fragmentRanges() {
        return fragmentRanges;
    }

    /** The encoded value bytes as stored (in the transfer syntax's byte order). */
    public byte[] bytes() {
        if (value == null) {
            return text == null ? new byte[0] : String.join("\\", text).getBytes(StandardCharsets.UTF_8);
        }
        return copy(value);
    }

    /** A read-only view of the encoded value, ordered as the transfer syntax. */
    public ByteBuffer buffer() {
        if (value == null) {
            return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
        }
        return value.duplicate().order(value.order());
    }

    public boolean bigEndian() {
        return value != null && value.order() == ByteOrder.BIG_ENDIAN;
    }

    /**
     * The values as Unicode strings: text decoded with the Specific Character Set and without
     * padding, binary numbers in decimal, tags as 8 hex digits. Empty for SQ and bulk data.
     */
    public String[] strings() {
        if (text != null) {
            return text.clone();
        }
        if (value == null) {
            return new String[0];
        }
        return switch (vr.kind()) {
            case TEXT, PERSON_NAME, INTEGER_STRING, DECIMAL_STRING -> decodeText();
            case BINARY_NUMBER -> numbersAsText();
            case TAG -> tagsAsText();
            default -> new String[0];
        };
    }

    /** The first value as a string, or null when there is none or it is empty. */
    public String string() {
        String[] all = strings();
        return all.length == 0 || all[0].isEmpty() ? null : all[0];
    }

    /** Integer values of US, SS, UL, SL, SV, UV (UV above 2^63 wraps) and AT. */
    public long[] longs() {
        if (value == null || vr.bytesPerValue() == 0 || vr == Vr.FL || vr == Vr.FD) {
            return new long[0];
        }
        ByteBuffer b = buffer();
        int n = b.remaining() / vr.bytesPerValue();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (vr) {
                case US -> b.getShort() & 0xFFFF;
                case SS -> b.getShort();
                case UL -> b.getInt() & 0xFFFFFFFFL;
                case SL -> b.getInt();
                case AT -> ((long) (b.getShort() & 0xFFFF) << 16) | (b.getShort() & 0xFFFF);
                default -> b.getLong();
            };
        }
        return out;
    }

    /** Floating point values of FL and FD. */
    public double[] doubles() {
        if (value == null || (vr != Vr.FL && vr != Vr.FD)) {
            return new double[0];
        }
        ByteBuffer b = buffer();
        int n = b.remaining() / vr.bytesPerValue();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = vr == Vr.FL ? b.getFloat() : b.getDouble();
        }
        return out;
    }

    SpecificCharacterSet characterSet() {
        return owner == null ? SpecificCharacterSet.DEFAULT : owner.specificCharacterSet();
    }

    private String[] decodeText() {
        byte[] raw = copy(value);
        int len = raw.length;
        while (len > 0 && raw[len - 1] == 0) {
            len--;
        }
        if (len == 0) {
            return new String[0];
        }
        String decoded = vr.usesSpecificCharacterSet()
                ? characterSet().decode(raw, 0, len, vr == Vr.PN)
                : new String(raw, 0, len, StandardCharsets.ISO_8859_1);
        String[] parts = vr.isSingleValued() ? new String[] {decoded} : decoded.split("\\\\", -1);
        boolean keepLeading = vr == Vr.LT || vr == Vr.ST || vr == Vr.UT;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = keepLeading ? parts[i].stripTrailing() : parts[i].strip();
            if (vr == Vr.UI) {
                parts[i] = parts[i].replace("\0", "");
            }
        }
        return parts;
    }

    private String[] numbersAsText() {
        if (vr == Vr.FL || vr == Vr.FD) {
            return Arrays.stream(doubles()).mapToObj(d -> vr == Vr.FL
                    ? Float.toString((float) d) : Double.toString(d)).toArray(String[]::new);
        }
        long[] n = longs();
        String[] out = new String[n.length];
        for (int i = 0; i < n.length; i++) {
            out[i] = vr == Vr.UV ? Long.toUnsignedString(n[i]) : Long.toString(n[i]);
        }
        return out;
    }

    private String[] tagsAsText() {
        List<String> out = new ArrayList<>();
        for (long t : longs()) {
            out.add(String.format("%08X", t));
        }
        return out.toArray(String[]::new);
    }

    private static byte[] copy(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    @Override
    public String toString() {
        return String.format("(%04X,%04X) %s", tag >>> 16, tag & 0xFFFF, vr);
    }
}
