package cn.qianli.gateway.forward;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The centre this gateway sends to, and how (environment {@code QIANLI_GATEWAY_CENTRE_*}).
 *
 * @param url                base URL of the centre
 * @param stowPath           STOW-RS path under {@code url}
 * @param hospitalId         this gateway's hospital id (completeness and heartbeat bodies)
 * @param batchInstances     most instances in one STOW-RS request
 * @param batchSize          most bytes in one request (a single larger instance goes alone)
 * @param parallelRequests   requests in flight at once
 * @param gzip               send the request body with Content-Encoding: gzip
 * @param bandwidth          bytes per second on the wire for all requests together; 0 = no cap
 * @param bulkWindow         local time window {@code HH:mm-HH:mm} in which non-urgent studies are
 *                           sent; empty = always
 * @param retryBase          first back-off after a failure
 * @param retryMax           longest back-off
 * @param connectTimeout     TCP connect timeout
 * @param requestTimeout     whole-request timeout (a stalled link counts as a failure after it)
 */
@ConfigurationProperties("qianli.gateway.centre")
public record CentreProperties(
        @DefaultValue("http://127.0.0.1:8080") URI url,
        @DefaultValue("/dicom-web/studies") String stowPath,
        @DefaultValue("H001") String hospitalId,
        @DefaultValue("20") int batchInstances,
        @DefaultValue("8MB") DataSize batchSize,
        @DefaultValue("2") int parallelRequests,
        @DefaultValue("true") boolean gzip,
        @DefaultValue("0B") DataSize bandwidth,
        @DefaultValue("") String bulkWindow,
        @DefaultValue("2s") Duration retryBase,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10m") Duration requestTimeout) {

    public URI stowUri() {
        return url.resolve(stowPath);
    }
}
