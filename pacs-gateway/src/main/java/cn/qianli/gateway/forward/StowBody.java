package cn.qianli.gateway.forward;

import cn.qianli.gateway.spool.SpooledInstance;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * A STOW-RS request body ({@code multipart/related; type="application/dicom"}, RFC 2387, PS3.18
 * 8.6.1.2) written to a file: one part per instance, each with its Part 10 bytes as found in the
 * spool and a {@code Content-Digest: sha-256=:BASE64:} header (RFC 9530) over those bytes,
 * optionally gzip-compressed as a whole ({@code Content-Encoding: gzip}).
 *
 * @param file          the body as it goes on the wire
 * @param contentType   the request's Content-Type, with the boundary
 * @param rawBytes      body length before compression
 */
record StowBody(Path file, String contentType, boolean gzip, long rawBytes) {

    private static final byte[] CRLF = {'\r', '\n'};

    static StowBody write(Iterable<SpooledInstance> instances, Path file, boolean gzip) throws IOException {
        String boundary = "qianli-" + UUID.randomUUID();
        long raw = 0;
        try (OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            OutputStream out = gzip ? new GZIPOutputStream(fileOut, 64 * 1024) : fileOut;
            for (SpooledInstance instance : instances) {
                byte[] head = ("--" + boundary + "\r\n"
                        + "Content-Type: application/dicom\r\n"
                        + "Content-Digest: sha-256=:" + digest(instance.file()) + ":\r\n"
                        + "\r\n").getBytes(StandardCharsets.US_ASCII);
                out.write(head);
                long n;
                try (InputStream in = Files.newInputStream(instance.file())) {
                    n = in.transferTo(out);
                }
                out.write(CRLF);
                raw += head.length + n + CRLF.length;
            }
            byte[] close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(close);
            raw += close.length;
            out.close();
        }
        String type = "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
        return new StowBody(file, type, gzip, raw);
    }

    long wireBytes() throws IOException {
        return Files.size(file);
    }

    /** Base64 SHA-256 of a file's bytes, as RFC 9530 writes it inside the colons. */
    static String digest(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file);
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            in.transferTo(sink);
        }
        return Base64.getEncoder().encodeToString(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
