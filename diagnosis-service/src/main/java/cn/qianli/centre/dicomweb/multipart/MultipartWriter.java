package cn.qianli.centre.dicomweb.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Writes a multipart/related body part by part, streaming each part's bytes. */
public final class MultipartWriter {

    private final OutputStream out;
    private final String boundary = "qianli-" + UUID.randomUUID();

    public MultipartWriter(OutputStream out) {
        this.out = out;
    }

    /** The Content-Type of the whole body, e.g. multipart/related; type="application/dicom"; boundary=... */
    public String contentType(String partType) {
        return "multipart/related; type=\"" + partType + "\"; boundary=" + boundary;
    }

    public void part(String contentType, InputStream body) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        try (body) {
            body.transferTo(out);
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    public void finish() throws IOException {
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
