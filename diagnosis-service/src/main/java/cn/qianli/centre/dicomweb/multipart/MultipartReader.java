package cn.qianli.centre.dicomweb.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body one part at a time. Each part's body is a stream that ends at the next
 * delimiter; only a fixed buffer is held, never a whole part. A body that ends before the close
 * delimiter is a {@link MalformedMultipartException} from the part's stream.
 */
public final class MultipartReader {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its headers (names in lower case) and its body. */
    public record Part(Map<String, String> headers, InputStream body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final InputStream in;
    /**
     * RFC 2046 allows 70 characters; senders exceed it (Orthanc's STOW-RS client sends two UUIDs,
     * 73), so longer boundaries are read too, up to this many.
     */
    public static final int MAX_BOUNDARY = 200;

    private final byte[] delimiter;
    /** How far the delimiter may move on past the byte under its last position. */
    private final int[] skip = new int[256];
    private final byte[] buf;
    private int pos;
    private int lim;
    /** No delimiter starts in the buffer before this index (searches resume here). */
    private int clear;
    private boolean eof;
    private boolean started;
    private boolean closed;
    private PartBody current;

    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new IllegalArgumentException("a boundary has 1 to " + MAX_BOUNDARY + " characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        Arrays.fill(skip, delimiter.length);
        for (int j = 0; j < delimiter.length - 1; j++) {
            skip[delimiter[j] & 0xFF] = delimiter.length - 1 - j;
        }
        // the first delimiter may start the body without a preceding CRLF: pretend there was one
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The next part, or null after the close delimiter. */
    public Part next() throws IOException {
        if (closed) {
            return null;
        }
        // skip the preamble, or whatever the caller left of the previous part
        PartBody rest = current != null ? current : new PartBody();
        rest.skipToEnd();
        if (!started && rest.atDelimiterEof) {
            throw new MalformedMultipartException("no multipart delimiter in the body");
        }
        started = true;
        pos += delimiter.length;
        fill(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            closed = true;
            current = null;
            return null;
        }
        // transport padding, then CRLF
        while (true) {
            if (!fill(1)) {
                throw new MalformedMultipartException("the body ends inside a delimiter line");
            }
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                pos++;
            } else {
                break;
            }
        }
        expectCrlf();
        Map<String, String> headers = readHeaders();
        current = new PartBody();
        return new Part(headers, current);
    }

    private void expectCrlf() throws IOException {
        if (!fill(2) || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MalformedMultipartException("a delimiter line does not end with CRLF");
        }
        pos += 2;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!fill(1)) {
                    throw new MalformedMultipartException("the body ends inside part headers");
                }
                byte b = buf[pos++];
                if (++total > MAX_HEADER_BYTES) {
                    throw new MalformedMultipartException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                    break;
                }
                line.append((char) (b & 0xFF));
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(":");
            if (colon <= 0) {
                throw new MalformedMultipartException("a part header line has no name");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /** Tries to have at least {@code n} unread bytes in the buffer; false if the body ends first. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            clear = Math.max(0, clear - pos);
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    /**
     * Where the next delimiter starts in the buffer, or -1. Boyer-Moore-Horspool: the byte under
     * the delimiter's last position says how far the delimiter can move on without missing a
     * match, so most of a part's bytes are never looked at.
     */
    private int indexOfDelimiter() {
        int n = delimiter.length;
        byte lastByte = delimiter[n - 1];
        int i = Math.max(pos, clear);
        int last = lim - n;
        outer:
        while (i <= last) {
            byte b = buf[i + n - 1];
            if (b == lastByte) {
                for (int j = 0; j < n - 1; j++) {
                    if (buf[i + j] != delimiter[j]) {
                        i += skip[b & 0xFF];
                        continue outer;
                    }
                }
                clear = i;
                return i;
            }
            i += skip[b & 0xFF];
        }
        // no delimiter starts before i
        clear = i;
        return -1;
    }

    /** A part's bytes up to the next delimiter. */
    private final class PartBody extends InputStream {

        private boolean done;
        private boolean atDelimiterEof;

        /** Bytes that may be returned now: -1 at the delimiter. */
        private int available0() throws IOException {
            while (true) {
                fill(delimiter.length);
                int at = indexOfDelimiter();
                if (at == pos) {
                    return -1;
                }
                if (at > pos) {
                    return at - pos;
                }
                int safe = lim - pos - (delimiter.length - 1);
                if (safe > 0) {
                    return safe;
                }
                if (eof) {
                    atDelimiterEof = true;
                    throw new MalformedMultipartException("the body ends before the close delimiter");
                }
                // fewer bytes buffered than a delimiter: fill() will read more
                fill(lim - pos + 1);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int available = available0();
            if (available < 0) {
                done = true;
                return -1;
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipToEnd() throws IOException {
            if (done) {
                return;
            }
            try {
                while (true) {
                    int available = available0();
                    if (available < 0) {
                        break;
                    }
                    pos += available;
                }
            } catch (MalformedMultipartException e) {
                if (!started) {
                    atDelimiterEof = true;
                    return;
                }
                throw e;
            }
            done = true;
        }
    }
}
