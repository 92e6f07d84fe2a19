package cn.qianli.dicom.net;

import java.io.IOException;

/** The association ended by an A-ABORT (ours or the peer's) or a lost connection before it was released. */
public final class AssociationAbortedException extends IOException {

    public AssociationAbortedException(String message) {
        super(message);
    }

    public AssociationAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
