package cn.qianli.dicom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOM SCP: listens, negotiates associations and serves C-ECHO (always), C-STORE (with a
 * {@link StoreHandler}) and Study Root C-FIND (with a {@link FindHandler}). One platform thread per
 * association (their number is bounded by the association limit; each spends its time in blocking
 * socket reads and file writes and fsyncs, which a virtual thread would pin its carrier for);
 * whatever one peer does, the others are served.
 *
 * <pre>{@code
 * try (DicomServer server = DicomServer.builder(ServerConfig.defaults("QIANLI_GW", spool))
 *         .onStore(instance -> Status.SUCCESS)
 *         .start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class DicomServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);
    /** Connections beyond the association limit that we still answer with A-ASSOCIATE-RJ; more are closed at once. */
    private static final int MAX_REJECTING = 16;

    private final ServerConfig config;
    private final StoreService store;
    private final FindService find;
    private final ServerSocket serverSocket;
    private final Semaphore associations;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong serial = new AtomicLong();
    private final Set<Association> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    /** The ARTIM timer: closes connections still without A-ASSOCIATE-RQ when it expires. */
    private final ScheduledExecutorService artim = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dicom-scp-artim").daemon(true).factory());
    private volatile boolean closed;

    private DicomServer(ServerConfig config, StoreHandler storeHandler, FindHandler findHandler) throws IOException {
        this.config = config;
        this.store = storeHandler == null ? null : new StoreService(storeHandler, config);
        this.find = findHandler == null ? null : new FindService(findHandler);
        this.associations = new Semaphore(config.maxAssociations());
        if (storeHandler != null) {
            Files.createDirectories(config.spoolDirectory());
        }
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
        if (config.tls() == null) {
            serverSocket = new ServerSocket();
        } else {
            SSLServerSocket tlsSocket = (SSLServerSocket) config.tls().context().getServerSocketFactory()
                    .createServerSocket();
            tlsSocket.setNeedClientAuth(config.tls().needClientAuth());
            serverSocket = tlsSocket;
        }
        serverSocket.setReuseAddress(true);
        serverSocket.bind(bind, 128);
        acceptor = Thread.ofPlatform().name("dicom-scp-" + port()).daemon(true).start(this::acceptLoop);
        LOG.info("{} listening on {}:{}{}, max {} associations, max PDU {}", config.aeTitle(), config.bindAddress(),
                port(), config.tls() == null ? "" : " (TLS)", config.maxAssociations(), config.maxPduLength());
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** The port listened on (the chosen one when configured with 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** Associations being served right now. */
    public int activeAssociations() {
        return config.maxAssociations() - associations.availablePermits();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                if (!closed) {
                    LOG.error("{} accept failed: {}", config.aeTitle(), e.getMessage());
                }
                return;
            } catch (IOException e) {
                LOG.warn("{} accept failed: {}", config.aeTitle(), e.getMessage());
                continue;
            }
            if (connections.incrementAndGet() > config.maxAssociations() + MAX_REJECTING) {
                connections.decrementAndGet();
                LOG.warn("{} too many connections, closing one from {} at once", config.aeTitle(),
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            long id = serial.incrementAndGet();
            Thread.ofPlatform().daemon(true).name("dicom-scp-association-" + id).start(() -> serve(socket, id));
        }
    }

    private void serve(Socket socket, long id) {
        try {
            Association association = new Association(socket, config.maxPduLength(), State.STA2,
                    "#" + id + " " + socket.getRemoteSocketAddress());
            open.add(association);
            ScheduledFuture<?> timer = artim.schedule(() -> association.closeIfStill(State.STA2),
                    config.artimTimeout().toMillis(), TimeUnit.MILLISECONDS);
            try {
                new ScpAssociation(association, config, associations, store, find).run();
            } finally {
                timer.cancel(false);
                open.remove(association);
                association.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} association #{} failed: {}", config.aeTitle(), id, e.toString());
            closeQuietly(socket);
        } finally {
            connections.decrementAndGet();
        }
    }

    /** Stops listening and closes every open association. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.getMessage());
        }
        open.forEach(Association::close);
        artim.shutdownNow();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} stopped", config.aeTitle());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** Sets the handlers, then {@link #start()}. */
    public static final class Builder {

        private final ServerConfig config;
        private StoreHandler storeHandler;
        private FindHandler findHandler;

        private Builder(ServerConfig config) {
            this.config = config;
        }

        /** Serve C-STORE for the configured storage SOP classes. */
        public Builder onStore(StoreHandler handler) {
            this.storeHandler = handler;
            return this;
        }

        /** Serve Study Root C-FIND. */
        public Builder onFind(FindHandler handler) {
            this.findHandler = handler;
            return this;
        }

        /** Binds and starts accepting associations. */
        public DicomServer start() throws IOException {
            return new DicomServer(config, storeHandler, findHandler);
        }
    }
}
