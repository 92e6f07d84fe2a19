package cn.qianli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow link on loopback: a TCP proxy to {@code 127.0.0.1:upstreamPort} that lets at most
 * {@code bytesPerSecond} through in each direction (all connections together), the way a
 * township's 2-10 Mbit/s line does. It counts the bytes sent upstream.
 */
final class ThrottledLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Bucket upstream;
    private final Bucket downstream;
    private final AtomicLong bytesUp = new AtomicLong();

    ThrottledLink(int upstreamPort, long bytesPerSecond) throws IOException {
        this.upstreamPort = upstreamPort;
        this.upstream = new Bucket(bytesPerSecond);
        this.downstream = new Bucket(bytesPerSecond);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("link-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    long bytesUp() {
        return bytesUp.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> pump(client, server, upstream, bytesUp));
                Thread.ofVirtual().start(() -> pump(server, client, downstream, new AtomicLong()));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("link: " + e.getMessage());
                }
            }
        }
    }

    private static void pump(Socket from, Socket to, Bucket bucket, AtomicLong counter) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bucket.take(n);
                out.write(buffer, 0, n);
                counter.addAndGet(n);
            }
        } catch (IOException | InterruptedException closed) {
            // one side went away: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** A token bucket of one second's worth of bytes, shared by every connection in one direction. */
    private static final class Bucket {
        private final long rate;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(long rate) {
            this.rate = rate;
            this.tokens = rate / 10.0;
        }

        void take(int bytes) throws InterruptedException {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
                last = now;
                tokens -= bytes;
                waitNanos = tokens >= 0 ? 0 : (long) (-tokens / rate * 1e9);
            }
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }
}
