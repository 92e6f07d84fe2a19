package cn.qianli.dicom.net.pdu;

import java.io.IOException;

/**
 * A PDU broke the protocol (unknown type, a length over our limit, a malformed item). The
 * association is aborted with {@link #abort()}.
 */
public final class PduException extends IOException {

    private final int abortReason;

    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    /** The A-ABORT to send for this error (source: service-provider). */
    public AAbort abort() {
        return AAbort.byProvider(abortReason);
    }
}
