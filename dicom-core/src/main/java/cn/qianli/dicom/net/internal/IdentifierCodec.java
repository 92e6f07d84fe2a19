package cn.qianli.dicom.net.internal;

import cn.qianli.dicom.Tag;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Encodes and decodes C-FIND identifiers (tag to text) with PixelMed. */
public final class IdentifierCodec {

    private static final String UTF_8 = "ISO_IR 192";

    private IdentifierCodec() {
    }

    /**
     * Decodes a data set in {@code transferSyntaxUid}; text is decoded with its Specific Character
     * Set. Sequences and group lengths are left out.
     *
     * @throws IOException when the data set cannot be parsed
     */
    public static Map<Integer, String> decode(byte[] dataSet, String transferSyntaxUid) throws IOException {
        AttributeList list = new AttributeList();
        try {
            list.read(new DicomInputStream(new ByteArrayInputStream(dataSet), transferSyntaxUid, false));
        } catch (DicomException | RuntimeException e) {
            throw new IOException("identifier cannot be decoded: " + e.getMessage(), e);
        }
        Map<Integer, String> keys = new TreeMap<>(Integer::compareUnsigned);
        for (Object value : list.values()) {
            Attribute a = (Attribute) value;
            AttributeTag t = a.getTag();
            if (a instanceof SequenceAttribute || t.getElement() == 0) {
                continue;
            }
            keys.put(t.getGroup() << 16 | t.getElement(), a.getDelimitedStringValuesOrEmptyString());
        }
        return keys;
    }

    /**
     * Encodes keys as a data set in {@code transferSyntaxUid}. When a value is not ASCII, Specific
     * Character Set is set to ISO_IR 192 (UTF-8) and text is encoded in it.
     */
    public static byte[] encode(Map<Integer, String> keys, String transferSyntaxUid) throws IOException {
        boolean ascii = keys.values().stream().allMatch(v -> v.chars().allMatch(c -> c < 0x80));
        String charset = keys.get(Tag.SpecificCharacterSet);
        SpecificCharacterSet specificCharacterSet = null;
        if (!ascii) {
            charset = UTF_8;
            specificCharacterSet = new SpecificCharacterSet(new String[] {UTF_8});
        }
        AttributeList list = new AttributeList();
        try {
            for (Map.Entry<Integer, String> e : keys.entrySet()) {
                int tag = e.getKey();
                String value = tag == Tag.SpecificCharacterSet ? charset : e.getValue();
                Attribute a = list.putNewAttribute(new AttributeTag(tag >>> 16, tag & 0xFFFF), specificCharacterSet);
                if (value != null && !value.isEmpty()) {
                    for (String v : value.split("\\\\", -1)) {
                        a.addValue(v);
                    }
                }
            }
            if (!ascii && !keys.containsKey(Tag.SpecificCharacterSet)) {
                list.putNewAttribute(new AttributeTag(Tag.SpecificCharacterSet >>> 16, Tag.SpecificCharacterSet & 0xFFFF))
                        .addValue(UTF_8);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DicomOutputStream dout = new DicomOutputStream(out, null, transferSyntaxUid);
            list.write(dout);
            dout.flush();
            return out.toByteArray();
        } catch (DicomException | RuntimeException e) {
            throw new IOException("identifier cannot be encoded: " + e.getMessage(), e);
        }
    }
}
