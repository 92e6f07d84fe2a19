package cn.qianli.gateway.study;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Study completeness (environment {@code QIANLI_GATEWAY_STUDY_*}).
 *
 * @param quietTime      no new instance for this long: the study is complete
 * @param retention      ledgers of studies declared complete are forgotten after this long
 * @param checkInterval  how often studies are looked at
 */
@ConfigurationProperties("qianli.gateway.study")
public record StudyProperties(
        @DefaultValue("5m") Duration quietTime,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("10s") Duration checkInterval) {
}
