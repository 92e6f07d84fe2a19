package cn.qianli.centre.dicomweb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One DICOM JSON data set (PS3.18 F.2) built from index values: keys are tags as eight
 * upper-case hex digits, in tag order; empty values are written with their VR only.
 */
public final class DicomJson {

    private final Map<String, Object> attributes = new TreeMap<>();

    public static String key(int tag) {
        return String.format("%08X", tag);
    }

    public DicomJson string(int tag, String vr, String value) {
        return put(tag, vr, value == null || value.isEmpty() ? null : List.of(value));
    }

    public DicomJson strings(int tag, String vr, List<String> values) {
        return put(tag, vr, values == null || values.isEmpty() ? null : values);
    }

    /** IS and US values as JSON numbers (F.2.3.1). */
    public DicomJson number(int tag, String vr, Long value) {
        return put(tag, vr, value == null ? null : List.of(value));
    }

    /** IS held as text in the index: a number when it is one, else left empty. */
    public DicomJson integerString(int tag, String value) {
        try {
            return number(tag, "IS", value == null || value.isBlank() ? null : Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return number(tag, "IS", null);
        }
    }

    /** PN as its component groups (F.2.2). */
    public DicomJson personName(int tag, String value) {
        if (value == null || value.isEmpty()) {
            return put(tag, "PN", null);
        }
        String[] groups = value.split("=", -1);
        Map<String, Object> pn = new LinkedHashMap<>();
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            if (!groups[i].isEmpty()) {
                pn.put(names[i], groups[i]);
            }
        }
        return put(tag, "PN", pn.isEmpty() ? null : List.of(pn));
    }

    private DicomJson put(int tag, String vr, List<?> values) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("vr", vr);
        if (values != null) {
            element.put("Value", values);
        }
        attributes.put(key(tag), element);
        return this;
    }

    public Map<String, Object> toMap() {
        return attributes;
    }
}
