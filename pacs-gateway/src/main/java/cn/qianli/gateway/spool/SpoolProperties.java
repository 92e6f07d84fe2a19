package cn.qianli.gateway.spool;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the spool lives and how much disk it must leave free.
 *
 * @param directory         root of the spool ({@code QIANLI_GATEWAY_SPOOL_DIRECTORY})
 * @param freeSpaceReserve  free space kept on the spool's file system; below it new instances are
 *                          refused with 0xA700 Out of Resources ({@code QIANLI_GATEWAY_SPOOL_FREE_SPACE_RESERVE})
 */
@ConfigurationProperties("qianli.gateway.spool")
public record SpoolProperties(
        @DefaultValue("data/gateway-spool") Path directory,
        @DefaultValue("1GB") DataSize freeSpaceReserve) {
}
