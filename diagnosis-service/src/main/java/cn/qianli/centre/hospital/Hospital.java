package cn.qianli.centre.hospital;

import java.time.Instant;
import java.util.List;

/** A hospital with its gateways. */
record Hospital(String id, String name, String district, String township, int populationServed,
        List<Gateway> gateways) {

    /** A gateway (its OAuth2 client id), when it was last heard from and what it said then. */
    record Gateway(String clientId, String name, Instant lastSeenAt, Object lastStatus) {
    }
}
