package cn.qianli.gateway.forward;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A token bucket of bytes per second shared by every request body: at most one second's worth of
 * burst, then reads wait for tokens. Rate 0 means no cap.
 */
final class Throttle {

    /** How the bucket tells time and waits; the system's in production. */
    interface Time {
        Time SYSTEM = new Time() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };

        long nanos();

        void sleep(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final Time time;
    private double tokens;
    private long lastNanos;

    Throttle(long bytesPerSecond) {
        this(bytesPerSecond, Time.SYSTEM);
    }

    Throttle(long bytesPerSecond, Time time) {
        this.bytesPerSecond = bytesPerSecond;
        this.time = time;
        this.lastNanos = time.nanos();
    }

    /** Waits until {@code bytes} may go on the wire. */
    void acquire(int bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = time.nanos();
            tokens = Math.min(bytesPerSecond, tokens + (now - lastNanos) * bytesPerSecond / 1e9);
            lastNanos = now;
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
        }
        if (waitNanos > 0) {
            time.sleep(waitNanos);
        }
    }

    /** {@code in}, read no faster than the bucket allows, in pieces of at most 16 KiB. */
    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 16 * 1024));
                if (n > 0) {
                    try {
                        acquire(n);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while throttled", e);
                    }
                }
                return n;
            }
        };
    }
}
