package cn.qianli.dicom;

import cn.qianli.dicom.json.DicomJsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One DICOM instance read from a Part 10 file: its File Meta Information, its data set and its
 * identity. Reading checks the whole structure: a truncated or malformed file, a file without
 * the preamble and File Meta Information (a bare data set), or one without the identifying
 * elements (SOP Class and Instance, Study and Series Instance UIDs) is a
 * {@link DicomFormatException}, never a partial instance.
 */
public final class DicomInstance {

    private final Path file;
    private final DataSet meta;
    private final DataSet dataSet;
    private final String transferSyntaxUid;
    private final boolean complete;
    private final InstanceIdentity identity;

    private DicomInstance(Path file, Part10Reader.Result read) throws DicomFormatException {
        this.file = file;
        this.meta = read.meta();
        this.dataSet = read.dataSet();
        this.transferSyntaxUid = read.transferSyntaxUid();
        this.complete = read.complete();
        this.identity = Identification.identify(dataSet, transferSyntaxUid, complete);
    }

    /** Reads and checks the whole file, Pixel Data included. */
    public static DicomInstance read(Path file) throws DicomFormatException {
        return new DicomInstance(file, Part10Reader.read(file, false));
    }

    /**
     * Reads and checks a whole Part 10 file held in memory (a STOW-RS part, say). Offsets
     * ({@link Element#valueOffset()}, frame locations) count from the first byte of the array;
     * {@link #file()} is null.
     */
    public static DicomInstance read(byte[] part10) throws DicomFormatException {
        return new DicomInstance(null, Part10Reader.read(part10, false));
    }

    /**
     * As {@link #read(byte[])}, the instance being the first {@code length} bytes of the array
     * (a buffer it was received into, say); the bytes after them are never looked at.
     */
    public static DicomInstance read(byte[] part10, int length) throws DicomFormatException {
        Objects.checkFromIndexSize(0, length, part10.length);
        return new DicomInstance(null, Part10Reader.read(part10, length, false));
    }

    /**
     * Reads and checks the file up to the Pixel Data; its header must be whole and well formed,
     * what follows is not looked at. {@link #hasPixelData()} is then false.
     */
    public static DicomInstance readHeader(Path file) throws DicomFormatException {
        return new DicomInstance(file, Part10Reader.read(file, true));
    }

    public InstanceIdentity identity() {
        return identity;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** The file this instance was read from; null when it was read from memory. */
    public Path file() {
        return file;
    }

    /** The data set (without File Meta Information). */
    public DataSet dataSet() {
        return dataSet;
    }

    /** The File Meta Information (group 0002). */
    public DataSet fileMetaInformation() {
        return meta;
    }

    /** False when read with {@link #readHeader(Path)}: Pixel Data and what follows were skipped. */
    public boolean isComplete() {
        return complete;
    }

    public boolean hasPixelData() {
        return dataSet.contains(Tag.PixelData);
    }

    /** The first value of a data set element as a Unicode string; null when absent or empty. */
    public String getString(int tag) {
        return dataSet.getString(tag);
    }

    public String getString(int tag, String defaultValue) {
        return dataSet.getString(tag, defaultValue);
    }

    public String[] getStrings(int tag) {
        return dataSet.getStrings(tag);
    }

    /** The first value as an integer; the default when absent, empty or not an integer. */
    public int getInt(int tag, int defaultValue) {
        return dataSet.getInt(tag, defaultValue);
    }

    /** The first value as an integer; empty when absent; NumberFormatException when not one. */
    public OptionalInt findInt(int tag) {
        return dataSet.findInt(tag);
    }

    /** Writes the data set as DICOM JSON (PS3.18 F.2); {@code uris} may be null. */
    public void writeJson(OutputStream out, BulkDataUris uris) throws IOException {
        new DicomJsonWriter(uris).write(dataSet, out);
    }

    @Override
    public String toString() {
        return "DicomInstance[" + identity.sopInstanceUid() + ", " + transferSyntaxUid + "]";
    }
}
