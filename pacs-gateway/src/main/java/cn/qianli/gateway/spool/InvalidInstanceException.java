package cn.qianli.gateway.spool;

import java.io.IOException;

/** The bytes offered to the spool are not a DICOM Part 10 instance it can queue. */
public final class InvalidInstanceException extends IOException {

    public InvalidInstanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
