package cn.qianli.dicom.net.pdu;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes PDUs to a connection. P-DATA-TF is written one PDV per PDU, its header and value going
 * straight to the (buffered) connection without copying the value.
 *
 * <p>Not thread-safe: one writer per association.
 */
public final class PduOutput {

    private final OutputStream out;
    private final byte[] header = new byte[12];

    /** @param out the connection's output, buffered by the caller */
    public PduOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes a whole PDU (anything but P-DATA-TF) and flushes. */
    public void write(Pdu pdu) throws IOException {
        switch (pdu) {
            case AAssociateRq rq -> writePdu(Pdu.A_ASSOCIATE_RQ, AssociateCodec.encode(rq));
            case AAssociateAc ac -> writePdu(Pdu.A_ASSOCIATE_AC, AssociateCodec.encode(ac));
            case AAssociateRj rj -> writePdu(Pdu.A_ASSOCIATE_RJ, new byte[] {0, (byte) rj.result(), (byte) rj.source(),
                (byte) rj.reason()});
            case AReleaseRq rq -> writePdu(Pdu.A_RELEASE_RQ, new byte[4]);
            case AReleaseRp rp -> writePdu(Pdu.A_RELEASE_RP, new byte[4]);
            case AAbort abort -> writePdu(Pdu.A_ABORT, new byte[] {0, 0, (byte) abort.source(), (byte) abort.reason()});
            case Pdv pdv -> throw new IllegalArgumentException("write P-DATA-TF with writePdv");
        }
        out.flush();
    }

    /** Writes one P-DATA-TF holding one PDV; does not flush. */
    public void writePdv(int presentationContextId, boolean command, boolean last, byte[] value, int offset, int length)
            throws IOException {
        int pdvLength = length + 2;
        int pduLength = pdvLength + 4;
        header[0] = Pdu.P_DATA_TF;
        header[1] = 0;
        putInt(header, 2, pduLength);
        putInt(header, 6, pdvLength);
        header[10] = (byte) presentationContextId;
        header[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        out.write(header, 0, 12);
        out.write(value, offset, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void writePdu(int type, byte[] body) throws IOException {
        header[0] = (byte) type;
        header[1] = 0;
        putInt(header, 2, body.length);
        out.write(header, 0, 6);
        out.write(body);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
