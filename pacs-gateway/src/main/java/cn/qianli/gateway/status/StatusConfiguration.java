package cn.qianli.gateway.status;

import cn.qianli.gateway.Periodic;
import cn.qianli.gateway.forward.CentreApi;
import cn.qianli.gateway.forward.Forwarder;
import cn.qianli.gateway.spool.Spool;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatusProperties.class)
class StatusConfiguration {

    @Bean(destroyMethod = "close")
    Periodic heartbeat(Spool spool, Forwarder forwarder, CentreApi centre, StatusProperties properties, Clock clock) {
        Heartbeat heartbeat = new Heartbeat(spool, forwarder, centre, clock);
        return Periodic.every("heartbeat", properties.heartbeatInterval(), heartbeat::send);
    }
}
