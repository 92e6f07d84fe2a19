package cn.qianli.gateway.spool;

import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpoolProperties.class)
class SpoolConfiguration {

    @Bean
    Spool spool(SpoolProperties properties, Clock clock) throws IOException {
        return Spool.open(properties.directory(), properties.freeSpaceReserve().toBytes(), new DicomCoreReader(), clock);
    }
}
