package cn.qianli.gateway.spool;

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
 * {@link InstanceReader} from the File Meta Information alone (PS3.10 7.1: preamble, "DICM",
 * group 0002 in explicit VR little endian). It knows SOP Class, SOP Instance and Transfer Syntax
 * but not the study or its priority, so every instance is bulk and of an unnamed study. It stands
 * in until dicom-core's data-set reader is wired in here.
 */
public final class MetaHeaderReader implements InstanceReader {

    private static final int META_GROUP = Tag.FileMetaInformationGroupLength >>> 16;
    private static final int MAX_VALUE = 64 * 1024;

    @Override
    public InstanceKeys read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream in = new DataInputStream(raw);
            byte[] preamble = new byte[132];
            in.readFully(preamble);
            if (preamble[128] != 'D' || preamble[129] != 'I' || preamble[130] != 'C' || preamble[131] != 'M') {
                throw new InvalidInstanceException("not a Part 10 file: no DICM prefix", null);
            }
            long offset = 132;
            String sopClass = "";
            String sopInstance = "";
            String syntax = "";
            byte[] head = new byte[8];
            while (true) {
                raw.mark(8);
                int n = in.readNBytes(head, 0, 8);
                if (n < 8) {
                    throw new InvalidInstanceException("no data set after the File Meta Information", null);
                }
                int group = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
                if (group != META_GROUP) {
                    break;
                }
                int element = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
                String vr = new String(head, 4, 2, StandardCharsets.US_ASCII);
                long length;
                offset += 8;
                if (vr.equals("OB") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT")) {
                    length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                    offset += 4;
                } else {
                    length = (head[6] & 0xFF) | (head[7] & 0xFF) << 8;
                }
                if (length > MAX_VALUE) {
                    throw new InvalidInstanceException("File Meta Information element too long", null);
                }
                byte[] value = in.readNBytes((int) length);
                if (value.length < length) {
                    throw new InvalidInstanceException("File Meta Information truncated", null);
                }
                offset += length;
                switch (META_GROUP << 16 | element) {
                    case Tag.MediaStorageSOPClassUID -> sopClass = text(value);
                    case Tag.MediaStorageSOPInstanceUID -> sopInstance = text(value);
                    case Tag.TransferSyntaxUID -> syntax = text(value);
                    default -> { }
                }
            }
            if (sopClass.isEmpty() || sopInstance.isEmpty() || syntax.isEmpty() || offset >= size) {
                throw new InvalidInstanceException(
                        "File Meta Information lacks SOP Class, SOP Instance or Transfer Syntax UID", null);
            }
            return new InstanceKeys(sopClass, sopInstance, syntax, "", false);
        } catch (EOFException e) {
            throw new InvalidInstanceException("not a Part 10 file: truncated header", e);
        }
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII).replace("\0", "").strip();
    }
}
