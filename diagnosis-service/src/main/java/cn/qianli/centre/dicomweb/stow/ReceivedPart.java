package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One STOW-RS part's bytes as received: in memory while the {@link StowMemory} budget allows
 * and the part is no larger than the in-memory limit, otherwise in a spool file. Closing it
 * gives the memory back and deletes the spool file.
 */
final class ReceivedPart implements AutoCloseable {

    private static final int FIRST_BUFFER = 64 * 1024;

    private final StowMemory memory;
    /** the part's bytes, at the start of this buffer; null when it is in {@link #file} */
    private byte[] bytes;
    private long held;
    private final Path file;
    private final long size;

    private ReceivedPart(StowMemory memory, byte[] bytes, long held, Path file, long size) {
        this.memory = memory;
        this.bytes = bytes;
        this.held = held;
        this.file = file;
        this.size = size;
    }

    /**
     * Reads {@code body} to its end, each byte also into {@code sha}. Parts up to
     * {@code maxInMemory} bytes stay in memory as long as {@code memory} grants it; the rest are
     * spooled to a new file in {@code spool}.
     */
    static ReceivedPart read(InputStream body, MessageDigest sha, StowMemory memory, int maxInMemory, Path spool)
            throws IOException {
        int first = Math.min(FIRST_BUFFER, maxInMemory);
        byte[] buf = null;
        // budget taken for buf and not yet handed to a part
        long held = 0;
        if (first > 0 && memory.take(first)) {
            buf = new byte[first];
            held = first;
        }
        int length = 0;
        try {
            while (buf != null) {
                if (length == buf.length) {
                    int larger = (int) Math.min((long) buf.length * 2, maxInMemory);
                    if (larger == buf.length || !memory.take(larger - buf.length)) {
                        break;
                    }
                    held += larger - buf.length;
                    buf = Arrays.copyOf(buf, larger);
                }
                int n = body.read(buf, length, buf.length - length);
                if (n < 0) {
                    sha.update(buf, 0, length);
                    // the buffer is kept as it is: copying the part to an array of its size costs more than it frees
                    ReceivedPart part = new ReceivedPart(memory, buf, held, null, length);
                    held = 0;
                    return part;
                }
                length += n;
            }
            // too large for memory, or the budget is spent: what was read goes first into the file
            Path file = Files.createTempFile(spool, "stow-", ".dcm");
            boolean kept = false;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                if (buf != null) {
                    out.write(buf, 0, length);
                }
                long size = length + body.transferTo(out);
                kept = true;
                return new ReceivedPart(memory, null, 0, file, size);
            } finally {
                if (!kept) {
                    Files.deleteIfExists(file);
                }
            }
        } finally {
            memory.give(held);
        }
    }

    long size() {
        return size;
    }

    boolean inMemory() {
        return bytes != null;
    }

    /** Reads and checks the part as a whole Part 10 instance. */
    DicomInstance parse() throws DicomFormatException {
        return bytes != null ? DicomInstance.read(bytes, (int) size) : DicomInstance.read(file);
    }

    /** Stages the part in {@code store}; the part stays open until the staged object is published or closed. */
    ObjectStore.Staged stageIn(ObjectStore store) throws IOException {
        return bytes != null ? store.stage(bytes, 0, (int) size) : store.stage(file);
    }

    @Override
    public void close() throws IOException {
        if (bytes != null) {
            bytes = null;
            memory.give(held);
            held = 0;
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
