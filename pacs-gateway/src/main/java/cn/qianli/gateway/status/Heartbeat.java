package cn.qianli.gateway.status;

import cn.qianli.gateway.forward.CentreApi;
import cn.qianli.gateway.forward.Forwarder;
import cn.qianli.gateway.spool.Spool;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/gateway/heartbeat} with {@link GatewayStatus} as JSON. A centre without the
 * endpoint, or unreachable, is logged (once per change of outcome) and the gateway goes on.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final Spool spool;
    private final Forwarder forwarder;
    private final CentreApi centre;
    private final Clock clock;
    private String lastOutcome = "";

    Heartbeat(Spool spool, Forwarder forwarder, CentreApi centre, Clock clock) {
        this.spool = spool;
        this.forwarder = forwarder;
        this.centre = centre;
        this.clock = clock;
    }

    void send() throws InterruptedException {
        String outcome;
        try {
            int status = centre.post("/api/gateway/heartbeat",
                    GatewayStatus.of(centre.hospitalId(), spool, forwarder, clock));
            outcome = status / 100 == 2 ? "ok" : "HTTP " + status;
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        }
        if (!outcome.equals(lastOutcome)) {
            if (outcome.equals("ok")) {
                log.info("<< heartbeat accepted by the centre");
            } else {
                log.warn("<< heartbeat not accepted ({}); the gateway goes on", outcome);
            }
            lastOutcome = outcome;
        }
    }
}
