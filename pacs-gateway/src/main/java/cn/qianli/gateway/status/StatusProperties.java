package cn.qianli.gateway.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param heartbeatInterval how often the heartbeat goes to the centre ({@code QIANLI_GATEWAY_STATUS_HEARTBEAT_INTERVAL}) */
@ConfigurationProperties("qianli.gateway.status")
public record StatusProperties(@DefaultValue("1m") Duration heartbeatInterval) {
}
