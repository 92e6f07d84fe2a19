package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.Element;
import cn.qianli.dicom.Tag;
import java.nio.ByteBuffer;

/**
 * The Palette Color Lookup Tables of a PALETTE COLOR image (PS3.3 C.7.6.3.1.5): for each stored
 * value from {@code firstMapped}, the red, green and blue output, scaled to 8 bits.
 */
public record Palette(int firstMapped, int[] red, int[] green, int[] blue) {

    /** The palette of the data set, or null when it has none (segmented palettes included). */
    static Palette of(DataSet ds) throws DicomFormatException {
        Element redData = ds.get(Tag.RedPaletteColorLookupTableData);
        if (redData == null) {
            return null;
        }
        long[] descriptor = descriptor(ds, Tag.RedPaletteColorLookupTableDescriptor);
        int entries = descriptor[0] == 0 ? 65536 : (int) (descriptor[0] & 0xFFFF);
        int firstMapped = (int) descriptor[1];
        int bits = (int) descriptor[2];
        return new Palette(firstMapped, table(redData, entries, bits),
                table(ds.get(Tag.GreenPaletteColorLookupTableData), entries, bits),
                table(ds.get(Tag.BluePaletteColorLookupTableData), entries, bits));
    }

    /** The 8-bit red, green, blue of a stored value, clamped to the table. */
    int rgb(int storedValue) {
        int i = Math.max(0, Math.min(red.length - 1, storedValue - firstMapped));
        return red[i] << 16 | green[i] << 8 | blue[i];
    }

    private static long[] descriptor(DataSet ds, int tag) throws DicomFormatException {
        Element e = ds.get(tag);
        long[] values = e == null ? new long[0] : e.longs();
        if (values.length != 3) {
            throw new DicomFormatException("palette descriptor " + String.format("(%04X,%04X)", tag >>> 16,
                    tag & 0xFFFF) + " must have 3 values");
        }
        return values;
    }

    private static int[] table(Element data, int entries, int bits) throws DicomFormatException {
        if (data == null) {
            throw new DicomFormatException("palette without green or blue Lookup Table Data");
        }
        ByteBuffer b = data.buffer();
        int[] out = new int[entries];
        if (b.remaining() >= entries * 2) {
            for (int i = 0; i < entries; i++) {
                int v = b.getShort(i * 2) & 0xFFFF;
                out[i] = bits > 8 ? v >> (bits - 8) : v & 0xFF;
            }
        } else if (b.remaining() >= entries) {
            for (int i = 0; i < entries; i++) {
                out[i] = b.get(i) & 0xFF;
            }
        } else {
            throw new DicomFormatException("palette Lookup Table Data has " + b.remaining() + " bytes for "
                    + entries + " entries");
        }
        return out;
    }
}
