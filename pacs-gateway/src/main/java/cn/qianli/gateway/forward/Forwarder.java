package cn.qianli.gateway.forward;

import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpooledInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes batches from the spool and sends them to the centre with {@code parallelRequests} workers.
 * Per instance of a batch:
 * <ul>
 *   <li>in ReferencedSOPSequence: acknowledged, removed from the spool;</li>
 *   <li>in FailedSOPSequence with a permanent reason (0xA9xx, 0xCxxx, 0x0111, 0x0122, 0x0124), or
 *       a lone instance answered 400 / 409 / 415: quarantined with the reason;</li>
 *   <li>a batch answered 400 / 409 / 413 / 415 without saying which instance: each instance is
 *       sent alone to find the culprit;</li>
 *   <li>anything else (network error, timeout, 5xx, 401 — the token is refreshed —, 0xA7xx, 0x0110,
 *       missing from the response): retried after an exponential back-off with jitter.</li>
 * </ul>
 * While the centre cannot be connected to at all, the workers take nothing until the next probe
 * (exponential back-off with jitter over the outage's rounds), so instances arriving meanwhile
 * are neither taken nor counted as failed attempts, and no connection is tried per arrival.
 */
public final class Forwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final Spool spool;
    private final CentreProperties centre;
    private final Clock clock;
    private final StowClient client;
    private final BearerTokens tokens;
    private final BackOff backOff;
    private final BulkWindow window;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong rawBytesSent = new AtomicLong();
    private final AtomicLong wireBytesSent = new AtomicLong();
    private final AtomicLong instancesAcknowledged = new AtomicLong();
    private volatile double bytesPerSecond;
    private volatile boolean running;
    private volatile boolean gzip;
    /**
     * Rounds of the current outage, 0 when the last attempt reached the centre. In an outage the
     * connection is checked before the next body is built, and no batch is taken before {@link #outageUntil}.
     */
    private final AtomicInteger outageRounds = new AtomicInteger();
    private final AtomicReference<Instant> outageUntil = new AtomicReference<>(Instant.EPOCH);

    public Forwarder(Spool spool, CentreProperties centre, BearerTokens tokens, Clock clock) {
        this.spool = spool;
        this.centre = centre;
        this.tokens = tokens;
        this.clock = clock;
        this.client = new StowClient(centre, tokens, new Throttle(centre.bandwidth().toBytes()));
        this.backOff = new BackOff(centre.retryBase(), centre.retryMax());
        this.window = BulkWindow.parse(centre.bulkWindow());
        this.gzip = centre.gzip();
    }

    /** Starts the workers. */
    public synchronized void start() {
        running = true;
        for (int i = 0; i < Math.max(1, centre.parallelRequests()); i++) {
            workers.add(Thread.ofVirtual().name("stow-" + i).start(this::work));
        }
        log.info("forwarding to {} with {} parallel requests, gzip={}, bandwidth={} B/s, bulk window '{}'",
                centre.stowUri(), workers.size(), centre.gzip(), centre.bandwidth().toBytes(), centre.bulkWindow());
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.interrupt();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        workers.clear();
        client.close();
    }

    /** Measured throughput of acknowledged requests, bytes of Part 10 data per second (0 = unknown yet). */
    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Bytes of request bodies before and after compression, since start. */
    public long rawBytesSent() {
        return rawBytesSent.get();
    }

    public long wireBytesSent() {
        return wireBytesSent.get();
    }

    /** Whether request bodies are gzip-compressed now (configured, and not refused by the centre). */
    public boolean gzipInUse() {
        return gzip;
    }

    public long instancesAcknowledged() {
        return instancesAcknowledged.get();
    }

    private void work() {
        while (running) {
            try {
                long outage = outageUntil.get().toEpochMilli() - clock.millis();
                if (outage > 0) {
                    Thread.sleep(Math.min(outage, 1000));
                    continue;
                }
                boolean urgentOnly = !window.isOpen(LocalTime.now(clock));
                List<SpooledInstance> batch = spool.take(centre.batchInstances(), centre.batchSize().toBytes(),
                        urgentOnly);
                if (batch.isEmpty()) {
                    spool.awaitWork(1000);
                    continue;
                }
                try {
                    deliver(batch);
                } catch (RuntimeException | IOException e) {
                    // never leave a batch marked in flight: whatever was not settled is sent again
                    retryAll(batch, "forwarding error: " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("forwarding worker error: {}", e.toString());
                spool.lastError(e.toString());
            }
        }
    }

    /** Sends one batch and settles each instance in it. */
    void deliver(List<SpooledInstance> batch) throws InterruptedException, IOException {
        if (outageRounds.get() > 0 && !client.reachable()) {
            // building and compressing the body again would only burn the CPU the modalities need
            spool.release(batch, "centre unreachable: no connection to " + centre.stowUri());
            outage();
            return;
        }
        Path file = spool.newIncomingFile();
        StowClient.Answer answer;
        long started = System.nanoTime();
        long raw = 0;
        boolean compressed = gzip;
        try {
            StowBody body = StowBody.write(batch, file, compressed);
            raw = body.rawBytes();
            answer = client.send(body);
            if (outageRounds.getAndSet(0) > 0) {
                log.info("<< centre {} reachable again", centre.stowUri());
            }
            wireBytesSent.addAndGet(body.wireBytes());
            rawBytesSent.addAndGet(raw);
        } catch (IOException | RuntimeException e) {
            retryAll(batch, "centre unreachable: " + e);
            if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
                outage();
            } else {
                // the centre was reached; the request failed on the way
                outageRounds.set(0);
            }
            return;
        } finally {
            Files.deleteIfExists(file);
        }
        int status = answer.status();
        StowResponse response = answer.response();
        boolean perInstance = !response.referenced().isEmpty() || !response.failed().isEmpty();
        if (compressed && !perInstance && (status == 415 || status == 400 || status / 100 == 2)) {
            // a server that does not decode gzip request bodies refuses them or parses nothing:
            // never blame the instances for that; send uncompressed from now on
            gzip = false;
            log.warn("<< HTTP {} to a gzip body without a word on its instances: sending uncompressed from now on",
                    status);
            deliver(batch);
            return;
        }
        if (status == 401 || status == 403) {
            tokens.invalidate();
            retryAll(batch, "HTTP " + status + " from the centre: " + answer.snippet());
        } else if (perInstance && (status == 200 || status == 202 || status == 409 || status == 400)) {
            settle(batch, response, status);
            measure(raw, started);
        } else if (status == 200 || status == 202) {
            retryAll(batch, "HTTP " + status + ": no instance in the centre's response");
        } else if ((status == 400 || status == 409 || status == 413 || status == 415) && batch.size() > 1) {
            log.info("<< HTTP {} for a batch of {}: sending each instance alone", status, batch.size());
            for (SpooledInstance instance : batch) {
                deliver(List.of(instance));
            }
        } else if ((status == 400 || status == 409 || status == 415) && batch.size() == 1) {
            spool.quarantine(batch.getFirst(), "HTTP " + status + ": " + answer.snippet());
        } else {
            retryAll(batch, "HTTP " + status + " from the centre: " + answer.snippet());
        }
    }

    private void settle(List<SpooledInstance> batch, StowResponse response, int status) throws IOException {
        int acknowledged = 0;
        for (SpooledInstance instance : batch) {
            String uid = instance.keys().sopInstanceUid();
            Integer reason = response.failed().get(uid);
            if (response.referenced().contains(uid) && reason == null) {
                spool.acknowledged(instance);
                acknowledged++;
            } else if (reason != null && StowResponse.isPermanent(reason)) {
                spool.quarantine(instance, String.format("FailureReason 0x%04X (%s)", reason, describe(reason)));
            } else if (reason != null) {
                retryLater(instance, String.format("FailureReason 0x%04X (%s)", reason, describe(reason)));
            } else {
                retryLater(instance, "HTTP " + status + ": instance not in the centre's response");
            }
        }
        instancesAcknowledged.addAndGet(acknowledged);
        log.info("<< HTTP {}: {} of {} instances acknowledged", status, acknowledged, batch.size());
    }

    private void measure(long bytes, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (seconds > 0 && bytes > 0) {
            double rate = bytes / seconds;
            bytesPerSecond = bytesPerSecond == 0 ? rate : 0.7 * bytesPerSecond + 0.3 * rate;
        }
    }

    /** One more round of an outage: the next probe after a back-off grown with the rounds. */
    private void outage() {
        int round = outageRounds.incrementAndGet();
        Duration wait = backOff.after(round - 1);
        outageUntil.set(clock.instant().plus(wait));
        log.warn("<< centre {} unreachable (round {} of this outage): next try in {} ms", centre.stowUri(), round,
                wait.toMillis());
    }

    private void retryAll(List<SpooledInstance> batch, String error) {
        log.warn("<< {}; {} instances retried later", error, batch.size());
        for (SpooledInstance instance : batch) {
            retryLater(instance, error);
        }
    }

    private void retryLater(SpooledInstance instance, String error) {
        Instant notBefore = clock.instant().plus(backOff.after(spool.attempts(instance)));
        spool.retryLater(instance, notBefore, error);
    }

    private static String describe(int reason) {
        if ((reason & 0xF000) == 0xC000) {
            return "Cannot understand";
        }
        return switch (reason & 0xFF00) {
            case 0xA700 -> "Out of Resources";
            case 0xA900 -> "Data Set does not match SOP Class";
            default -> switch (reason) {
                case 0x0110 -> "Processing failure";
                case 0x0111 -> "Duplicate SOP Instance: the centre holds other content under this UID";
                case 0x0124 -> "Refused: not authorized, the study belongs to another hospital";
                case 0x0122 -> "Referenced SOP Class not supported";
                default -> "failure";
            };
        };
    }
}
