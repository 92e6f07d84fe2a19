package cn.qianli.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that behaves like a bad township link: a bandwidth cap per direction, a fixed
 * one-way latency, connections dropped (RST) after a random number of bytes, and cut-outs during
 * which every connection is closed and new ones are refused.
 */
public final class LinkFaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long bytesPerSecond;
    private final long latencyMillis;
    private final double dropProbability;
    private final long dropWithinBytes;
    private final Random random = new Random(42);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile long downUntil;
    private volatile boolean running = true;

    /**
     * @param dropProbability chance that a connection is dropped, after a uniformly random number
     *                        of client-to-server bytes below {@code dropWithinBytes}
     */
    public LinkFaultProxy(int targetPort, long bytesPerSecond, long latencyMillis, double dropProbability,
                          long dropWithinBytes) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.bytesPerSecond = bytesPerSecond;
        this.latencyMillis = latencyMillis;
        this.dropProbability = dropProbability;
        this.dropWithinBytes = dropWithinBytes;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("link-proxy").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections dropped so far (mid-stream, by chance or by a cut-out). */
    public int drops() {
        return drops.get();
    }

    /** The link goes dead for {@code millis}: every connection is reset, new ones are refused. */
    public void cutOut(long millis) {
        downUntil = System.currentTimeMillis() + millis;
        for (Socket s : open) {
            reset(s);
            drops.incrementAndGet();
        }
    }

    private void accept() {
        while (running) {
            try {
                Socket client = server.accept();
                if (System.currentTimeMillis() < downUntil) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 2000);
                } catch (IOException e) {
                    reset(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                long dropAt;
                synchronized (random) {
                    dropAt = random.nextDouble() < dropProbability ? (long) (random.nextDouble() * dropWithinBytes) : -1;
                }
                pump(client, upstream, dropAt);
                pump(upstream, client, -1);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private record Chunk(long deliverAt, byte[] bytes) {
    }

    private void pump(Socket from, Socket to, long dropAt) {
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            long total = 0;
            try (InputStream in = from.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (dropAt >= 0 && total >= dropAt) {
                        drops.incrementAndGet();
                        break;
                    }
                    queue.add(new Chunk(System.currentTimeMillis() + latencyMillis, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException ignored) {
                // the other side or a cut-out closed it
            }
            queue.add(new Chunk(0, null));
        });
        Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes() == null) {
                        break;
                    }
                    long wait = chunk.deliverAt() - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    out.write(chunk.bytes());
                    out.flush();
                    long pause = reserve(to, chunk.bytes().length);
                    if (pause > 0) {
                        Thread.sleep(pause);
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // closed
            }
            reset(from);
            reset(to);
        });
    }

    private final java.util.Map<Boolean, Long> nextFree = new java.util.HashMap<>();

    /** One shared bucket per direction (towards the target or back): how long to wait after sending n bytes. */
    private synchronized long reserve(Socket to, int n) {
        if (bytesPerSecond <= 0) {
            return 0;
        }
        boolean upstream = to.getPort() == target.getPort();
        long now = System.currentTimeMillis();
        long next = Math.max(now, nextFree.getOrDefault(upstream, now)) + n * 1000L / bytesPerSecond;
        nextFree.put(upstream, next);
        return next - now;
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        for (Socket s : open) {
            reset(s);
        }
    }
}
