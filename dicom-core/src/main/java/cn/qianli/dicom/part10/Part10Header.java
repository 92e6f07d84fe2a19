package cn.qianli.dicom.part10;

import cn.qianli.dicom.Tag;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The File Meta Information of a Part 10 file and where its data set starts, read without
 * reading the data set.
 *
 * @param meta          the meta information
 * @param dataSetOffset byte offset of the first data set element in the file
 * @param fileLength    length of the whole file in bytes
 */
public record Part10Header(FileMetaInformation meta, long dataSetOffset, long fileLength) {

    /** Longest group 0002 element value accepted; anything longer is not a sane meta header. */
    private static final int MAX_META_VALUE = 64 * 1024;

    private static final int META_GROUP = Tag.FileMetaInformationGroupLength >>> 16;

    /** The data set's length in bytes. */
    public long dataSetLength() {
        return fileLength - dataSetOffset;
    }

    /**
     * Reads the meta header of {@code file}.
     *
     * @throws Part10Exception when there is no preamble and {@code DICM} prefix, the meta header is
     *                         truncated or malformed, or a required element is missing
     */
    public static Part10Header read(Path file) throws IOException {
        long fileLength = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            return read(in, fileLength);
        }
    }

    /** Reads a meta header from the start of {@code in}, leaving {@code in} at the data set. */
    public static Part10Header read(InputStream in, long fileLength) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("stream must support mark/reset");
        }
        DataInputStream data = new DataInputStream(in);
        byte[] preamble = new byte[132];
        try {
            data.readFully(preamble);
        } catch (EOFException e) {
            throw new Part10Exception("not a Part 10 file: shorter than preamble and prefix");
        }
        if (preamble[128] != 'D' || preamble[129] != 'I' || preamble[130] != 'C' || preamble[131] != 'M') {
            throw new Part10Exception("not a Part 10 file: no DICM prefix after the 128-byte preamble");
        }
        long offset = 132;
        String sopClass = null;
        String sopInstance = null;
        String transferSyntax = null;
        String implementationClass = "";
        String implementationVersion = "";
        String sourceAe = "";
        byte[] header = new byte[8];
        while (true) {
            in.mark(8);
            int n = data.readNBytes(header, 0, 8);
            int group = n >= 2 ? (header[0] & 0xFF) | (header[1] & 0xFF) << 8 : -1;
            if (n == 0 || (n >= 2 && group != META_GROUP)) {
                in.reset();
                break;
            }
            if (n < 8) {
                throw new Part10Exception("File Meta Information truncated at byte " + offset);
            }
            int element = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
            String vr = new String(header, 4, 2, StandardCharsets.US_ASCII);
            long length;
            offset += 8;
            if (isLongVr(vr)) {
                byte[] four = new byte[4];
                readFully(data, four, offset);
                length = ((four[0] & 0xFFL) | (four[1] & 0xFFL) << 8 | (four[2] & 0xFFL) << 16 | (four[3] & 0xFFL) << 24);
                offset += 4;
            } else if (vr.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                length = (header[6] & 0xFF) | (header[7] & 0xFF) << 8;
            } else {
                throw new Part10Exception("File Meta Information is not explicit VR at byte " + (offset - 8));
            }
            if (length > MAX_META_VALUE) {
                throw new Part10Exception("File Meta Information element (0002," + hex(element) + ") claims "
                        + length + " bytes");
            }
            byte[] value = new byte[(int) length];
            readFully(data, value, offset);
            offset += length;
            int tag = META_GROUP << 16 | element;
            switch (tag) {
                case Tag.MediaStorageSOPClassUID -> sopClass = string(value);
                case Tag.MediaStorageSOPInstanceUID -> sopInstance = string(value);
                case Tag.TransferSyntaxUID -> transferSyntax = string(value);
                case Tag.ImplementationClassUID -> implementationClass = string(value);
                case Tag.ImplementationVersionName -> implementationVersion = string(value);
                case Tag.SourceApplicationEntityTitle -> sourceAe = string(value);
                default -> { }
            }
        }
        if (transferSyntax == null || transferSyntax.isEmpty()) {
            throw new Part10Exception("File Meta Information has no Transfer Syntax UID (0002,0010)");
        }
        if (sopClass == null || sopClass.isEmpty()) {
            throw new Part10Exception("File Meta Information has no Media Storage SOP Class UID (0002,0002)");
        }
        if (sopInstance == null || sopInstance.isEmpty()) {
            throw new Part10Exception("File Meta Information has no Media Storage SOP Instance UID (0002,0003)");
        }
        FileMetaInformation meta = new FileMetaInformation(sopClass, sopInstance, transferSyntax,
                implementationClass, implementationVersion, sourceAe);
        return new Part10Header(meta, offset, fileLength);
    }

    private static boolean isLongVr(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    private static void readFully(DataInputStream in, byte[] b, long offset) throws IOException {
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new Part10Exception("File Meta Information truncated at byte " + offset);
        }
    }

    private static String string(byte[] value) {
        int end = value.length;
        while (end > 0 && (value[end - 1] == 0 || value[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && value[start] == ' ') {
            start++;
        }
        return new String(value, start, end - start, StandardCharsets.US_ASCII);
    }

    private static String hex(int element) {
        return String.format("%04X", element);
    }
}
