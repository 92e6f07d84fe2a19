package cn.qianli.gateway.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Import from media (environment {@code QIANLI_GATEWAY_MEDIA_*}).
 *
 * @param watchDirectory  drop folder whose files are imported and then removed; empty = none
 * @param watchInterval   how often the drop folder is looked at
 * @param settleTime      a file untouched for this long is complete and may be imported
 */
@ConfigurationProperties("qianli.gateway.media")
public record MediaProperties(
        @DefaultValue("") String watchDirectory,
        @DefaultValue("10s") Duration watchInterval,
        @DefaultValue("5s") Duration settleTime) {
}
