package cn.qianli.centre.dicomweb.multipart;

import java.io.IOException;

/** The body does not follow the multipart syntax (missing delimiter, cut off, header too long). */
public class MalformedMultipartException extends IOException {

    public MalformedMultipartException(String message) {
        super(message);
    }
}
