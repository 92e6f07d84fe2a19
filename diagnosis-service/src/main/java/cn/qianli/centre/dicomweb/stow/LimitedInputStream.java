package cn.qianli.centre.dicomweb.stow;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The request body, refused with {@link RequestTooLargeException} once it passes the limit. */
final class LimitedInputStream extends FilterInputStream {

    /** The body passed the configured limit. */
    static final class RequestTooLargeException extends IOException {
        RequestTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new RequestTooLargeException(limit);
        }
    }
}
