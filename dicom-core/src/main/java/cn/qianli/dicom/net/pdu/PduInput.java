package cn.qianli.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads PDUs from a connection. Every length is checked against our limits before anything is
 * allocated: a P-DATA-TF longer than the maximum length we announced, an A-ASSOCIATE PDU over
 * {@link #MAX_ASSOCIATE_LENGTH}, or a release/abort/reject PDU whose length is not 4 is a
 * {@link PduException}. P-DATA-TF is returned one {@link Pdv} header at a time; its value is then
 * read with {@link #readPdvValue} so that large data sets stream through the caller's buffer.
 *
 * <p>Buffers the connection itself, in a small buffer for headers and small values: a large
 * value is read from the connection straight into the caller's array, not copied through ours.
 *
 * <p>Not thread-safe: one reader per association.
 */
public final class PduInput {

    /** Largest A-ASSOCIATE-RQ/AC accepted: room for 128 contexts with many transfer syntaxes each. */
    public static final int MAX_ASSOCIATE_LENGTH = 256 * 1024;
    /** Our buffer: PDU and PDV headers, commands, release and abort PDUs; larger reads bypass it. */
    private static final int BUFFER = 4096;

    private final InputStream in;
    private final long maxPDataLength;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private long pduRemaining;
    private int pdvRemaining;

    /**
     * @param in             the connection's input, unbuffered (this buffers it)
     * @param maxPDataLength the maximum length we announced for P-DATA-TF variable fields
     */
    public PduInput(InputStream in, long maxPDataLength) {
        this.in = in;
        this.maxPDataLength = maxPDataLength;
    }

    /**
     * The next PDU, or the next PDV of the current P-DATA-TF. Unread value bytes of the previous
     * PDV are skipped.
     *
     * @throws EOFException  when the peer closed the connection between PDUs
     * @throws PduException  when the PDU breaks the protocol
     */
    public Pdu next() throws IOException {
        skipPdvValue();
        if (pduRemaining > 0) {
            return pdv();
        }
        if (!fill(6)) {
            throw new EOFException("peer closed the connection");
        }
        int type = buffer[position] & 0xFF;
        long length = uint32(position + 2);
        position += 6;
        switch (type) {
            case Pdu.P_DATA_TF -> {
                if (length > maxPDataLength) {
                    throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            "P-DATA-TF claims " + length + " bytes, more than our maximum length " + maxPDataLength);
                }
                if (length < 6) {
                    throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            "P-DATA-TF of " + length + " bytes holds no PDV");
                }
                pduRemaining = length;
                return pdv();
            }
            case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> {
                if (length > MAX_ASSOCIATE_LENGTH || length < 68) {
                    throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            Pdu.nameOf(type) + " claims " + length + " bytes, outside 68.." + MAX_ASSOCIATE_LENGTH);
                }
                byte[] body = new byte[(int) length];
                readFully(body, 0, body.length);
                return type == Pdu.A_ASSOCIATE_RQ ? AssociateCodec.decodeRq(body) : AssociateCodec.decodeAc(body);
            }
            case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> {
                if (length != 4) {
                    throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            Pdu.nameOf(type) + " with length " + length + " instead of 4");
                }
                byte[] body = new byte[4];
                readFully(body, 0, 4);
                return switch (type) {
                    case Pdu.A_ASSOCIATE_RJ -> new AAssociateRj(body[1] & 0xFF, body[2] & 0xFF, body[3] & 0xFF);
                    case Pdu.A_RELEASE_RQ -> new AReleaseRq();
                    case Pdu.A_RELEASE_RP -> new AReleaseRp();
                    default -> new AAbort(body[2] & 0xFF, body[3] & 0xFF);
                };
            }
            default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU,
                    String.format("unrecognized PDU type %02XH", type));
        }
    }

    private Pdv pdv() throws IOException {
        if (pduRemaining < 6) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF ends inside a PDV header");
        }
        require(4);
        long length = uint32(position);
        if (length < 2 || length > pduRemaining - 4) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "PDV length " + length + " does not fit its P-DATA-TF");
        }
        require(6);
        int pcid = buffer[position + 4] & 0xFF;
        int header = buffer[position + 5] & 0xFF;
        position += 6;
        pduRemaining -= 4 + length;
        pdvRemaining = (int) (length - 2);
        return new Pdv(pcid, (header & 1) != 0, (header & 2) != 0, pdvRemaining);
    }

    /** Value bytes of the current PDV not read yet. */
    public int pdvRemaining() {
        return pdvRemaining;
    }

    /**
     * Reads up to {@code length} value bytes of the current PDV; returns how many were read (0 at
     * its end). Blocks only when none are buffered, for one read of the connection.
     */
    public int readPdvValue(byte[] buffer, int offset, int length) throws IOException {
        int n = Math.min(length, pdvRemaining);
        if (n == 0) {
            return 0;
        }
        int read = read(buffer, offset, n);
        if (read < 0) {
            throw new EOFException("peer closed the connection inside a PDV");
        }
        pdvRemaining -= read;
        return read;
    }

    /** Reads exactly {@code length} value bytes of the current PDV. */
    public void readPdvValueFully(byte[] buffer, int offset, int length) throws IOException {
        if (length > pdvRemaining) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "PDV shorter than expected");
        }
        readFully(buffer, offset, length);
        pdvRemaining -= length;
    }

    private void skipPdvValue() throws IOException {
        while (pdvRemaining > 0) {
            int buffered = Math.min(limit - position, pdvRemaining);
            if (buffered > 0) {
                position += buffered;
                pdvRemaining -= buffered;
                continue;
            }
            long skipped = in.skip(pdvRemaining);
            if (skipped <= 0) {
                require(1);
                position++;
                skipped = 1;
            }
            pdvRemaining -= (int) skipped;
        }
    }

    /** Buffered bytes first; then, with our buffer empty, one read: into ours for a small request, else into {@code b}. */
    private int read(byte[] b, int offset, int length) throws IOException {
        int buffered = limit - position;
        if (buffered == 0) {
            if (length >= BUFFER) {
                return in.read(b, offset, length);
            }
            position = 0;
            limit = 0;
            int n = in.read(buffer, 0, BUFFER);
            if (n < 0) {
                return -1;
            }
            limit = n;
            buffered = n;
        }
        int n = Math.min(buffered, length);
        System.arraycopy(buffer, position, b, offset, n);
        position += n;
        return n;
    }

    private void readFully(byte[] b, int offset, int length) throws IOException {
        while (length > 0) {
            int n = read(b, offset, length);
            if (n < 0) {
                throw new EOFException("peer closed the connection inside a PDU");
            }
            offset += n;
            length -= n;
        }
    }

    /** Makes {@code count} bytes available in our buffer; false when the connection ended before any. */
    private boolean fill(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        if (limit - position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
        }
        limit -= position;
        position = 0;
        while (limit < count) {
            int n = in.read(buffer, limit, BUFFER - limit);
            if (n < 0) {
                if (limit == 0) {
                    return false;
                }
                throw new EOFException("peer closed the connection inside a PDU header");
            }
            limit += n;
        }
        return true;
    }

    private void require(int count) throws IOException {
        if (!fill(count)) {
            throw new EOFException("peer closed the connection inside a PDU");
        }
    }

    private long uint32(int offset) {
        return (buffer[offset] & 0xFFL) << 24 | (buffer[offset + 1] & 0xFFL) << 16 | (buffer[offset + 2] & 0xFFL) << 8
                | (buffer[offset + 3] & 0xFFL);
    }

    /** True when bytes are waiting to be read without blocking (used to notice C-CANCEL-RQ). */
    public boolean hasBufferedInput() throws IOException {
        return position < limit || in.available() > 0;
    }
}
