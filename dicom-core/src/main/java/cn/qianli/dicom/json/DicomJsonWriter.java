package cn.qianli.dicom.json;

import cn.qianli.dicom.BulkDataUris;
import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.Element;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Vr;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes data sets in the DICOM JSON Model (PS3.18 F.2): one object per data set, keyed by the
 * tag as 8 upper-case hex digits in ascending order, each attribute an object with "vr" and
 * "Value" (F.2.2), IS, DS and the binary numbers as JSON numbers, PN as objects with
 * "Alphabetic", "Ideographic" and "Phonetic" groups (F.2.4), AT as hex strings, sequences as
 * arrays of nested objects (F.2.3).
 *
 * <p>Bulk data (F.2.6, F.2.7): when a {@link BulkDataUris} function is given, binary values (OB,
 * OD, OF, OL, OV, OW, UN, encapsulated Pixel Data) and any other value longer than the
 * threshold are written as "BulkDataURI". Without one, binary values up to the threshold are
 * written as "InlineBinary" (base64 of the little endian bytes) and longer ones are left out
 * (the attribute keeps its "vr" only). Group lengths, File Meta Information and Data Set
 * Trailing Padding are not written. An IS or DS value that is not a number is written as a
 * string rather than dropped.
 */
public final class DicomJsonWriter {

    /** Default threshold in bytes above which a value is bulk data. */
    public static final int DEFAULT_BULK_DATA_THRESHOLD = 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final BulkDataUris uris;
    private final int threshold;

    /** A writer with the default threshold; {@code uris} may be null. */
    public DicomJsonWriter(BulkDataUris uris) {
        this(uris, DEFAULT_BULK_DATA_THRESHOLD);
    }

    public DicomJsonWriter(BulkDataUris uris, int bulkDataThreshold) {
        if (bulkDataThreshold < 0) {
            throw new IllegalArgumentException("negative threshold " + bulkDataThreshold);
        }
        this.uris = uris;
        this.threshold = bulkDataThreshold;
    }

    /** Writes one data set as a JSON object. The stream is flushed, not closed. */
    public void write(DataSet dataSet, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            writeDataSet(g, dataSet, "");
        } catch (JacksonException e) {
            throw asIoException(e);
        }
    }

    /**
     * Writes data sets as a JSON array, as a QIDO-RS response or the WADO-RS metadata of a
     * series or study. The stream is flushed, not closed.
     */
    public void writeArray(Iterable<DataSet> dataSets, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            for (DataSet ds : dataSets) {
                writeDataSet(g, ds, "");
            }
            g.writeEndArray();
        } catch (JacksonException e) {
            throw asIoException(e);
        }
    }

    private void writeDataSet(JsonGenerator g, DataSet ds, String pathPrefix) {
        g.writeStartObject();
        for (Element e : ds.elements()) {
            int tag = e.tag();
            if ((tag & 0xFFFF) == 0 || tag >>> 16 == 0x0002 || tag == Tag.DataSetTrailingPadding) {
                continue;
            }
            String key = hex8(tag);
            g.writeName(key);
            g.writeStartObject();
            g.writeStringProperty("vr", e.vr().name());
            writeValue(g, e, pathPrefix, key);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The tag as 8 upper-case hex digits. */
    private static String hex8(int tag) {
        char[] c = new char[8];
        for (int i = 7; i >= 0; i--, tag >>>= 4) {
            c[i] = HEX[tag & 0xF];
        }
        return new String(c);
    }

    /** The value of {@code e}, whose path is {@code pathPrefix + key} (only put together when a URI needs it). */
    private void writeValue(JsonGenerator g, Element e, String pathPrefix, String key) {
        if (e.isEmpty()) {
            return;
        }
        Vr vr = e.vr();
        if (vr.kind() == Vr.Kind.SEQUENCE) {
            List<DataSet> items = e.items();
            g.writeName("Value");
            g.writeStartArray();
            for (int i = 0; i < items.size(); i++) {
                writeDataSet(g, items.get(i), pathPrefix + key + "/" + i + "/");
            }
            g.writeEndArray();
            return;
        }
        boolean binary = vr.kind() == Vr.Kind.BINARY || e.isEncapsulated();
        if (uris != null && (binary || e.length() > threshold)) {
            g.writeStringProperty("BulkDataURI", uris.uriFor(pathPrefix + key));
            return;
        }
        if (binary) {
            if (!e.isEncapsulated() && e.length() <= threshold) {
                g.writeName("InlineBinary");
                g.writeBinary(littleEndian(e));
            }
            return;
        }
        String[] values = e.strings();
        if (values.length == 0 || (values.length == 1 && values[0].isEmpty())) {
            return;
        }
        g.writeName("Value");
        g.writeStartArray();
        switch (vr.kind()) {
            case PERSON_NAME -> {
                for (String v : values) {
                    writePersonName(g, v);
                }
            }
            case INTEGER_STRING -> {
                for (String v : values) {
                    writeInteger(g, v);
                }
            }
            case DECIMAL_STRING -> {
                for (String v : values) {
                    writeDecimal(g, v);
                }
            }
            case BINARY_NUMBER -> writeBinaryNumbers(g, e);
            default -> {
                for (String v : values) {
                    if (v.isEmpty()) {
                        g.writeNull();
                    } else {
                        g.writeString(v);
                    }
                }
            }
        }
        g.writeEndArray();
    }

    private static void writePersonName(JsonGenerator g, String value) {
        if (value.isEmpty()) {
            g.writeNull();
            return;
        }
        String[] groups = value.split("=", -1);
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        g.writeStartObject();
        for (int i = 0; i < groups.length && i < names.length; i++) {
            String group = groups[i].strip();
            if (!group.isEmpty()) {
                g.writeStringProperty(names[i], group);
            }
        }
        g.writeEndObject();
    }

    private static void writeInteger(JsonGenerator g, String v) {
        if (v.isEmpty()) {
            g.writeNull();
            return;
        }
        String digits = v.startsWith("+") ? v.substring(1) : v;
        if (digits.length() <= 18 && isPlainInteger(digits)) {
            g.writeNumber(Long.parseLong(digits));
            return;
        }
        try {
            g.writeNumber(new BigInteger(digits));
        } catch (NumberFormatException notAnInteger) {
            g.writeString(v);
        }
    }

    /** An optional minus sign and at least one digit, nothing else. */
    private static boolean isPlainInteger(String s) {
        int from = s.startsWith("-") ? 1 : 0;
        if (s.length() <= from) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void writeDecimal(JsonGenerator g, String v) {
        if (v.isEmpty()) {
            g.writeNull();
            return;
        }
        try {
            g.writeNumber(new BigDecimal(v.startsWith("+") ? v.substring(1) : v));
        } catch (NumberFormatException notADecimal) {
            g.writeString(v);
        }
    }

    private static void writeBinaryNumbers(JsonGenerator g, Element e) {
        if (e.vr() == Vr.FL || e.vr() == Vr.FD) {
            for (double d : e.doubles()) {
                if (Double.isFinite(d)) {
                    g.writeNumber(e.vr() == Vr.FL ? new BigDecimal(Float.toString((float) d)) : BigDecimal.valueOf(d));
                } else {
                    g.writeString(Double.toString(d));
                }
            }
            return;
        }
        for (long v : e.longs()) {
            if (e.vr() == Vr.UV && v < 0) {
                g.writeNumber(new BigInteger(Long.toUnsignedString(v)));
            } else {
                g.writeNumber(v);
            }
        }
    }

    /** The value's bytes in little endian order, as InlineBinary wants them (F.2.7). */
    private static byte[] littleEndian(Element e) {
        byte[] bytes = e.bytes();
        if (!e.bigEndian()) {
            return bytes;
        }
        int size = switch (e.vr()) {
            case OW -> 2;
            case OF, OL -> 4;
            case OD, OV -> 8;
            default -> 1;
        };
        if (size > 1) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte[] swapped = new byte[bytes.length];
            for (int i = 0; i + size <= bytes.length; i += size) {
                for (int k = 0; k < size; k++) {
                    swapped[i + k] = b.get(i + size - 1 - k);
                }
            }
            return swapped;
        }
        return bytes;
    }

    private static IOException asIoException(JacksonException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
}
