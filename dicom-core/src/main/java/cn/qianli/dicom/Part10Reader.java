package cn.qianli.dicom;

import cn.qianli.dicom.internal.ToolkitDictionary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a DICOM Part 10 file (PS3.10 section 7): the 128-byte preamble, "DICM", the File Meta
 * Information in explicit VR little endian, then the data set in the transfer syntax the meta
 * information names (implicit or explicit VR, little or big endian, deflated). Every length is
 * checked against what is left of the file, so a truncated or malformed file is an exception
 * naming the offset, never a partial data set. Values stay in the file's bytes (mapped, for
 * larger files) and are decoded when asked.
 */
final class Part10Reader {

    private static final int PREAMBLE = 128;
    private static final int IN_MEMORY_LIMIT = 1 << 20;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** Deeper nesting than this is refused rather than followed down the stack. */
    static final int MAX_SEQUENCE_DEPTH = 64;
    /** A deflated data set may not inflate to more than this (a deflate bomb is refused). */
    static final int DEFAULT_INFLATE_LIMIT = 256 << 20;

    private ByteBuffer buf;
    private int pos;
    private boolean explicit = true;
    private boolean addressable = true;
    private boolean headerOnly;
    private String transferSyntax = "";
    private int depth;
    private int inflateLimit = DEFAULT_INFLATE_LIMIT;

    record Result(DataSet meta, DataSet dataSet, String transferSyntaxUid, boolean complete) {
    }

    static Result read(Path file, boolean headerOnly) throws DicomFormatException {
        return read(file, headerOnly, DEFAULT_INFLATE_LIMIT);
    }

    static Result read(Path file, boolean headerOnly, int inflateLimit) throws DicomFormatException {
        Part10Reader reader = new Part10Reader();
        reader.headerOnly = headerOnly;
        reader.inflateLimit = inflateLimit;
        reader.buf = load(file);
        return reader.readFile();
    }

    static Result read(byte[] part10, boolean headerOnly) throws DicomFormatException {
        return read(part10, part10.length, headerOnly);
    }

    /** Reads the first {@code length} bytes of {@code part10}. */
    static Result read(byte[] part10, int length, boolean headerOnly) throws DicomFormatException {
        Part10Reader reader = new Part10Reader();
        reader.headerOnly = headerOnly;
        reader.buf = ByteBuffer.wrap(part10, 0, length).slice().asReadOnlyBuffer();
        return reader.readFile();
    }

    private static ByteBuffer load(Path file) throws DicomFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new DicomFormatException("file of " + size + " bytes: files over 2 GiB are not supported");
            }
            if (size <= IN_MEMORY_LIMIT) {
                ByteBuffer b = ByteBuffer.allocate((int) size);
                while (b.hasRemaining() && ch.read(b) >= 0) {
                    // read until full
                }
                return b.flip().asReadOnlyBuffer();
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new DicomFormatException("no such file: " + file, e);
        } catch (IOException e) {
            throw new DicomFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Result readFile() throws DicomFormatException {
        int size = buf.limit();
        if (size < PREAMBLE + 4 || !"DICM".equals(ascii(PREAMBLE, 4))) {
            throw new DicomFormatException("not a DICOM Part 10 file: no 128-byte preamble followed by"
                    + " \"DICM\" (a data set without File Meta Information is not accepted)");
        }
        buf.order(ByteOrder.LITTLE_ENDIAN);
        pos = PREAMBLE + 4;
        DataSet meta = new DataSet();
        parseDataSet(meta, size, false, true, true);
        String ts = meta.getString(Tag.TransferSyntaxUID);
        if (ts == null) {
            throw new DicomFormatException("File Meta Information has no Transfer Syntax UID (0002,0010)");
        }
        transferSyntax = ts;
        switch (ts) {
            case Uid.IMPLICIT_VR_LITTLE_ENDIAN -> explicit = false;
            case Uid.EXPLICIT_VR_BIG_ENDIAN -> buf.order(ByteOrder.BIG_ENDIAN);
            case Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN -> inflateRest();
            default -> {
                // every other transfer syntax is explicit VR little endian (PS3.5 section 10)
            }
        }
        DataSet dataSet = new DataSet();
        parseDataSet(dataSet, buf.limit(), false, true, false);
        return new Result(meta, dataSet, ts, !headerOnly);
    }

    private void inflateRest() throws DicomFormatException {
        byte[] deflated = new byte[buf.limit() - pos];
        buf.get(pos, deflated);
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
        byte[] chunk = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DicomFormatException("deflated data set truncated: the deflate stream"
                            + " starting at offset " + pos + " ends before its last block");
                }
                if (out.size() > inflateLimit - n) {
                    throw new DicomFormatException("deflated data set starting at offset " + pos
                            + " inflates to more than " + inflateLimit + " bytes");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new DicomFormatException("deflated data set starting at offset " + pos
                    + " is not a valid deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        buf = ByteBuffer.wrap(out.toByteArray()).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        pos = 0;
        addressable = false;
    }

    /**
     * Parses elements into {@code ds} up to {@code end}, or up to an Item Delimitation Item when
     * {@code untilDelimiter}. {@code meta} stops at the first element outside group 0002.
     */
    private void parseDataSet(DataSet ds, int end, boolean untilDelimiter, boolean topLevel, boolean meta)
            throws DicomFormatException {
        while (true) {
            if (pos >= end) {
                if (untilDelimiter) {
                    throw truncated(pos, "item without Item Delimitation Item (FFFE,E00D)");
                }
                return;
            }
            if (topLevel && !meta && onlyZerosLeft(end)) {
                return;
            }
            if (end - pos < 8) {
                if (meta) {
                    return;
                }
                throw truncated(pos, "element header needs 8 bytes, " + (end - pos) + " left");
            }
            int start = pos;
            int tag = readTag(pos);
            if (meta && tag >>> 16 != 0x0002) {
                return;
            }
            if (tag == Tag.ItemDelimitationItem) {
                pos += 8;
                if (untilDelimiter) {
                    return;
                }
                throw format(start, "Item Delimitation Item (FFFE,E00D) outside an item");
            }
            if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
                throw format(start, tagText(tag) + " outside a sequence");
            }
            if (topLevel && headerOnly && !meta && Integer.compareUnsigned(tag, Tag.PixelData) >= 0) {
                return;
            }
            parseElement(ds, tag, start, end);
        }
    }

    private void parseElement(DataSet ds, int tag, int start, int end) throws DicomFormatException {
        Vr vr;
        long length;
        boolean unknownVr = false;
        boolean implicitSequence = false;
        if (explicit) {
            String code = ascii(pos + 4, 2);
            vr = Vr.of(code);
            if (vr == null) {
                throw format(start, "bad VR " + printable(pos + 4) + " for " + tagText(tag)
                        + (transferSyntax.isEmpty() ? "" : ": the data set is not encoded as "
                        + transferSyntax + " says (explicit VR)"));
            }
            if (vr == Vr.UN && buf.order() == ByteOrder.LITTLE_ENDIAN) {
                Vr known = Vr.of(ToolkitDictionary.vrOf(tag));
                if (known != null && known != Vr.UN) {
                    // PS3.5 6.2.2: a UN value of a known tag is that tag's VR in implicit VR LE
                    implicitSequence = known == Vr.SQ;
                    vr = known;
                    unknownVr = true;
                }
            }
            if (vr.hasLongLength() || unknownVr) {
                if (end - pos < 12) {
                    throw truncated(pos, "element header of " + tagText(tag) + " needs 12 bytes");
                }
                length = buf.getInt(pos + 8) & UNDEFINED;
                pos += 12;
            } else {
                length = buf.getShort(pos + 6) & 0xFFFF;
                pos += 8;
            }
        } else {
            vr = Vr.of(ToolkitDictionary.vrOf(tag));
            if (vr == null) {
                vr = Vr.UN;
            }
            length = buf.getInt(pos + 4) & UNDEFINED;
            pos += 8;
        }
        if (length == UNDEFINED) {
            if (vr == Vr.SQ && !implicitSequence) {
                ds.add(Element.ofItems(ds, tag, vr, parseItems(ds, tag, end, -1)));
            } else if (vr == Vr.SQ || vr == Vr.UN) {
                // PS3.5 6.2.2: UN of undefined length is a sequence in implicit VR little endian
                ds.add(Element.ofItems(ds, tag, Vr.SQ, parseImplicitItems(ds, tag, end, -1)));
            } else if (tag == Tag.PixelData && (vr == Vr.OB || vr == Vr.OW)) {
                parseFragments(ds, tag, vr, end);
            } else {
                throw format(start, tagText(tag) + " " + vr + " has undefined length, allowed only for"
                        + " SQ, UN and encapsulated Pixel Data");
            }
            return;
        }
        if (length > end - pos) {
            throw truncated(pos, tagText(tag) + " " + vr + " value of " + length + " bytes, only "
                    + (end - pos) + " left");
        }
        int valueEnd = pos + (int) length;
        if (vr == Vr.SQ) {
            ds.add(Element.ofItems(ds, tag, vr, implicitSequence
                    ? parseImplicitItems(ds, tag, valueEnd, valueEnd)
                    : parseItems(ds, tag, valueEnd, valueEnd)));
            pos = valueEnd;
            return;
        }
        ByteBuffer value = buf.slice(pos, (int) length).order(buf.order());
        ds.add(Element.ofBytes(ds, tag, vr, value, addressable ? pos : -1));
        pos = valueEnd;
    }

    private List<DataSet> parseImplicitItems(DataSet parent, int seqTag, int end, int definedEnd)
            throws DicomFormatException {
        boolean wasExplicit = explicit;
        ByteOrder wasOrder = buf.order();
        explicit = false;
        buf.order(ByteOrder.LITTLE_ENDIAN);
        try {
            return parseItems(parent, seqTag, end, definedEnd);
        } finally {
            explicit = wasExplicit;
            buf.order(wasOrder);
        }
    }

    /** Items up to {@code definedEnd}, or (when it is -1) up to a Sequence Delimitation Item. */
    private List<DataSet> parseItems(DataSet parent, int seqTag, int end, int definedEnd)
            throws DicomFormatException {
        if (++depth > MAX_SEQUENCE_DEPTH) {
            throw format(pos, "sequences nested deeper than " + MAX_SEQUENCE_DEPTH + " levels");
        }
        try {
            return parseItemsAtDepth(parent, seqTag, end, definedEnd);
        } finally {
            depth--;
        }
    }

    private List<DataSet> parseItemsAtDepth(DataSet parent, int seqTag, int end, int definedEnd)
            throws DicomFormatException {
        List<DataSet> items = new ArrayList<>();
        while (true) {
            if (definedEnd >= 0 && pos >= definedEnd) {
                return items;
            }
            if (end - pos < 8) {
                throw truncated(pos, "sequence " + tagText(seqTag) + " ends before its "
                        + (definedEnd >= 0 ? "defined length" : "Sequence Delimitation Item"));
            }
            int start = pos;
            int tag = readTag(pos);
            long length = buf.getInt(pos + 4) & UNDEFINED;
            pos += 8;
            if (tag == Tag.SequenceDelimitationItem) {
                return items;
            }
            if (tag != Tag.Item) {
                throw format(start, "expected an Item (FFFE,E000) in sequence " + tagText(seqTag)
                        + ", found " + tagText(tag));
            }
            DataSet item = parent.newItem();
            if (length == UNDEFINED) {
                parseDataSet(item, end, true, false, false);
            } else {
                if (length > end - pos) {
                    throw truncated(pos, "item of " + length + " bytes in sequence " + tagText(seqTag)
                            + ", only " + (end - pos) + " left");
                }
                parseDataSet(item, pos + (int) length, false, false, false);
            }
            items.add(item);
        }
    }

    private void parseFragments(DataSet ds, int tag, Vr vr, int end) throws DicomFormatException {
        List<ByteBuffer> fragments = new ArrayList<>();
        List<ByteRange> ranges = new ArrayList<>();
        while (true) {
            if (end - pos < 8) {
                throw truncated(pos, "encapsulated Pixel Data ends before its Sequence Delimitation Item");
            }
            int start = pos;
            int itemTag = readTag(pos);
            long length = buf.getInt(pos + 4) & UNDEFINED;
            pos += 8;
            if (itemTag == Tag.SequenceDelimitationItem) {
                break;
            }
            if (itemTag != Tag.Item) {
                throw format(start, "expected a fragment Item (FFFE,E000) in encapsulated Pixel Data,"
                        + " found " + tagText(itemTag));
            }
            if (length > end - pos) {
                throw truncated(pos, "Pixel Data fragment of " + length + " bytes, only "
                        + (end - pos) + " left");
            }
            fragments.add(buf.slice(pos, (int) length).order(ByteOrder.LITTLE_ENDIAN));
            ranges.add(new ByteRange(pos, length));
            pos += (int) length;
        }
        if (fragments.isEmpty()) {
            throw format(pos, "encapsulated Pixel Data without a Basic Offset Table item");
        }
        ds.add(Element.ofFragments(ds, tag, vr, fragments, addressable ? ranges : null));
    }

    private int readTag(int at) {
        return ((buf.getShort(at) & 0xFFFF) << 16) | (buf.getShort(at + 2) & 0xFFFF);
    }

    private boolean onlyZerosLeft(int end) {
        for (int i = pos; i < end; i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private String ascii(int at, int length) {
        byte[] b = new byte[length];
        buf.get(at, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private String printable(int at) {
        return String.format("0x%02X 0x%02X", buf.get(at) & 0xFF, buf.get(at + 1) & 0xFF);
    }

    static String tagText(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private DicomFormatException truncated(int at, String what) {
        return new DicomFormatException("truncated at offset " + where(at) + ": " + what);
    }

    private DicomFormatException format(int at, String what) {
        return new DicomFormatException("malformed at offset " + where(at) + ": " + what);
    }

    private String where(int at) {
        return addressable ? Integer.toString(at) : at + " of the inflated data set";
    }
}
