package cn.qianli.gateway.forward;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter: base * 2^attempt, capped, then a random half to the full delay. */
record BackOff(Duration base, Duration max) {

    Duration after(int attempt) {
        long cap = max.toMillis();
        long delay = base.toMillis() << Math.min(attempt, 30);
        if (delay <= 0 || delay > cap) {
            delay = cap;
        }
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }
}
