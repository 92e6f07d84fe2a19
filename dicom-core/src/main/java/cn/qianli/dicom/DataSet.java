package cn.qianli.dicom;

import cn.qianli.dicom.charset.SpecificCharacterSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A DICOM Data Set (PS3.5 section 7): data elements in ascending tag order. Data sets read from
 * a file keep their encoded values; the put methods add values written in Unicode (UTF-8,
 * ISO_IR 192), for example to build a QIDO-RS response. An item of a sequence is a data set
 * whose Specific Character Set is its parent's unless it names its own.
 */
public final class DataSet {

    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private final DataSet parent;
    private SpecificCharacterSet characterSet;

    public DataSet() {
        this(null);
    }

    DataSet(DataSet parent) {
        this.parent = parent;
    }

    /** A new item for a sequence of this data set, inheriting its Specific Character Set. */
    public DataSet newItem() {
        return new DataSet(this);
    }

    /** The elements in ascending tag order. */
    public Collection<Element> elements() {
        return elements.values();
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** The element with this tag, or null. */
    public Element get(int tag) {
        return elements.get(tag);
    }

    public int size() {
        return elements.size();
    }

    /** The first value of the element as a Unicode string; null when absent or empty. */
    public String getString(int tag) {
        Element e = elements.get(tag);
        return e == null ? null : e.string();
    }

    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null ? defaultValue : s;
    }

    /** All values of the element as Unicode strings; empty when absent. */
    public String[] getStrings(int tag) {
        Element e = elements.get(tag);
        return e == null ? new String[0] : e.strings();
    }

    /**
     * The first value as an integer (US, SS, UL, SL or IS); empty when absent or empty.
     *
     * @throws NumberFormatException when the value is not an integer (an IS of "1A")
     */
    public OptionalInt findInt(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.isEmpty()) {
            return OptionalInt.empty();
        }
        long[] binary = e.longs();
        if (binary.length > 0) {
            return OptionalInt.of((int) binary[0]);
        }
        String s = e.string();
        if (s == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(s.startsWith("+") ? s.substring(1) : s));
    }

    /** The first value as an integer, or the default when absent, empty or not an integer. */
    public int getInt(int tag, int defaultValue) {
        try {
            return findInt(tag).orElse(defaultValue);
        } catch (NumberFormatException notAnInteger) {
            return defaultValue;
        }
    }

    /** The first value as a number (DS, IS, FL, FD or a binary integer), or the default. */
    public double getDouble(int tag, double defaultValue) {
        Element e = elements.get(tag);
        if (e == null || e.isEmpty()) {
            return defaultValue;
        }
        double[] d = e.doubles();
        if (d.length > 0) {
            return d[0];
        }
        long[] l = e.longs();
        if (l.length > 0) {
            return l[0];
        }
        try {
            String s = e.string();
            return s == null ? defaultValue : Double.parseDouble(s);
        } catch (NumberFormatException notANumber) {
            return defaultValue;
        }
    }

    /** The items of a sequence; empty when absent. */
    public List<DataSet> getSequence(int tag) {
        Element e = elements.get(tag);
        return e == null ? List.of() : e.items();
    }

    /**
     * The element a tag path names, as {@link BulkDataUris} gives them: {@code 7FE00010},
     * {@code 54000100/0/54001010} (sequence tag, item index from 0, tag). Null when there is none.
     *
     * @throws IllegalArgumentException when the path is not tags and item indexes joined by '/'
     */
    public Element find(String tagPath) {
        String[] parts = tagPath.split("/", -1);
        if (parts.length % 2 == 0) {
            throw new IllegalArgumentException("tag path " + tagPath + " does not end with a tag");
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches(i % 2 == 0 ? "[0-9A-Fa-f]{8}" : "[0-9]{1,9}")) {
                throw new IllegalArgumentException("tag path " + tagPath + ": " + parts[i] + " is not a "
                        + (i % 2 == 0 ? "tag" : "item index"));
            }
        }
        DataSet current = this;
        for (int i = 0; i < parts.length; i += 2) {
            Element e = current.get((int) Long.parseLong(parts[i], 16));
            if (i + 1 == parts.length || e == null) {
                return e;
            }
            int item = Integer.parseInt(parts[i + 1]);
            if (item >= e.items().size()) {
                return null;
            }
            current = e.items().get(item);
        }
        return null;
    }

    /** The Specific Character Set in force for this data set's text values. */
    public SpecificCharacterSet specificCharacterSet() {
        if (characterSet != null) {
            return characterSet;
        }
        return parent == null ? SpecificCharacterSet.DEFAULT : parent.specificCharacterSet();
    }

    /** Adds or replaces a text element (any text VR, PN, IS or DS) with Unicode values. */
    public DataSet putString(int tag, Vr vr, String... values) {
        Vr.Kind kind = vr.kind();
        if (kind == Vr.Kind.BINARY || kind == Vr.Kind.SEQUENCE || kind == Vr.Kind.BINARY_NUMBER
                || kind == Vr.Kind.TAG) {
            throw new IllegalArgumentException(vr + " is not a text VR");
        }
        if (tag == Tag.SpecificCharacterSet) {
            characterSet = SpecificCharacterSet.of(values);
        }
        elements.put(tag, Element.ofText(this, tag, vr, values));
        return this;
    }

    /** Adds or replaces a binary integer element (US, SS, UL, SL). */
    public DataSet putInt(int tag, Vr vr, int... values) {
        int size = vr.bytesPerValue();
        if (vr != Vr.US && vr != Vr.SS && vr != Vr.UL && vr != Vr.SL) {
            throw new IllegalArgumentException(vr + " is not US, SS, UL or SL");
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (size == 2) {
                b.putShort((short) v);
            } else {
                b.putInt(v);
            }
        }
        b.flip();
        elements.put(tag, Element.ofBytes(this, tag, vr, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN), -1));
        return this;
    }

    /** Adds or replaces a sequence; make its items with {@link #newItem()}. */
    public DataSet putSequence(int tag, List<DataSet> items) {
        elements.put(tag, Element.ofItems(this, tag, Vr.SQ, new ArrayList<>(items)));
        return this;
    }

    public DataSet remove(int tag) {
        elements.remove(tag);
        if (tag == Tag.SpecificCharacterSet) {
            characterSet = null;
        }
        return this;
    }

    void add(Element element) {
        elements.putIfAbsent(element.tag(), element);
        if (element.tag() == Tag.SpecificCharacterSet && elements.get(element.tag()) == element) {
            characterSet = SpecificCharacterSet.of(element.strings());
        }
    }

    @Override
    public String toString() {
        return "DataSet" + elements.values();
    }
}
