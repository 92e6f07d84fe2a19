package cn.qianli.dicom.net;

import java.io.IOException;

/**
 * Nothing was sent: no accepted presentation context has exactly the SOP class and the transfer
 * syntax of the instance. The association is still usable.
 */
public final class NoPresentationContextException extends IOException {

    public NoPresentationContextException(String message) {
        super(message);
    }
}
