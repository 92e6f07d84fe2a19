package cn.qianli.dicom.net.pdu;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads PDUs from a connection. Every length is checked against our limits before anything is
 * allocated: a P-DATA-TF longer than the maximum length we announced, an A-ASSOCIATE PDU over
 * {@link #MAX_ASSOCIATE_LENGTH}, or a release/abort/reject PDU whose length is not 4 is a
 * {@link PduException}. P-DATA-TF is returned one {@link Pdv} header at a time; its value is then
 * read with {@link #readPdvValue} so that large data sets stream through a fixed buffer.
 *
 * <p>Not thread-safe: one reader per association.
 */
public final class PduInput {

    /** Largest A-ASSOCIATE-RQ/AC accepted: room for 128 contexts with many transfer syntaxes each. */
    public static final int MAX_ASSOCIATE_LENGTH = 256 * 1024;

    private final DataInputStream in;
    private final long maxPDataLength;
    private long pduRemaining;
    private int pdvRemaining;

    /**
     * @param in             the connection's input, buffered by the caller
     * @param maxPDataLength the maximum length we announced for P-DATA-TF variable fields
     */
    public PduInput(InputStream in, long maxPDataLength) {
        this.in = new DataInputStream(in);
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
        int type = in.read();
        if (type < 0) {
            throw new EOFException("peer closed the connection");
        }
        in.readUnsignedByte();
        long length = in.readInt() & 0xFFFFFFFFL;
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
                in.readFully(body);
                return type == Pdu.A_ASSOCIATE_RQ ? AssociateCodec.decodeRq(body) : AssociateCodec.decodeAc(body);
            }
            case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> {
                if (length != 4) {
                    throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            Pdu.nameOf(type) + " with length " + length + " instead of 4");
                }
                byte[] body = new byte[4];
                in.readFully(body);
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
        long length = in.readInt() & 0xFFFFFFFFL;
        if (length < 2 || length > pduRemaining - 4) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "PDV length " + length + " does not fit its P-DATA-TF");
        }
        int pcid = in.readUnsignedByte();
        int header = in.readUnsignedByte();
        pduRemaining -= 4 + length;
        pdvRemaining = (int) (length - 2);
        return new Pdv(pcid, (header & 1) != 0, (header & 2) != 0, pdvRemaining);
    }

    /** Value bytes of the current PDV not read yet. */
    public int pdvRemaining() {
        return pdvRemaining;
    }

    /** Reads up to {@code length} value bytes of the current PDV; returns how many were read (0 at its end). */
    public int readPdvValue(byte[] buffer, int offset, int length) throws IOException {
        int n = Math.min(length, pdvRemaining);
        if (n == 0) {
            return 0;
        }
        int read = in.read(buffer, offset, n);
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
        in.readFully(buffer, offset, length);
        pdvRemaining -= length;
    }

    private void skipPdvValue() throws IOException {
        while (pdvRemaining > 0) {
            int skipped = in.skipBytes(pdvRemaining);
            if (skipped <= 0) {
                in.readUnsignedByte();
                skipped = 1;
            }
            pdvRemaining -= skipped;
        }
    }

    /** True when bytes are waiting to be read without blocking (used to notice C-CANCEL-RQ). */
    public boolean hasBufferedInput() throws IOException {
        return in.available() > 0;
    }
}
