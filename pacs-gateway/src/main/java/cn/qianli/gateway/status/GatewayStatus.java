package cn.qianli.gateway.status;

import cn.qianli.gateway.forward.Forwarder;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpoolState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The gateway's state as the heartbeat and the status page report it. */
record GatewayStatus(String hospitalId, String version, String sentAt, int queueDepth, long bytesPending,
                     long oldestPendingAgeSeconds, int inFlight, int quarantined, String lastError,
                     long freeDiskBytes, long throughputBytesPerSecond, long bytesSentRaw, long bytesSentWire,
                     long instancesAcknowledged, long uptimeSeconds) {

    static final Instant STARTED = Instant.now();

    static String currentVersion() {
        String v = GatewayStatus.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static GatewayStatus of(String hospitalId, SpoolState spool, Forwarder forwarder, Clock clock) {
        Instant now = clock.instant();
        return new GatewayStatus(hospitalId, currentVersion(), now.toString(), spool.queueDepth(), spool.bytesPending(),
                spool.oldestPending().map(t -> Math.max(0, Duration.between(t, now).toSeconds())).orElse(0L),
                spool.inFlight(), spool.quarantined().size(), spool.lastError().orElse(null), spool.freeDiskBytes(),
                Math.round(forwarder.bytesPerSecond()), forwarder.rawBytesSent(), forwarder.wireBytesSent(),
                forwarder.instancesAcknowledged(), Duration.between(STARTED, now).toSeconds());
    }

    static GatewayStatus of(String hospitalId, Spool spool, Forwarder forwarder, Clock clock) {
        return of(hospitalId, spool.state(), forwarder, clock);
    }
}
