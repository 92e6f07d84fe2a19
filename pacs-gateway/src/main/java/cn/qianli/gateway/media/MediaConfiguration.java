package cn.qianli.gateway.media;

import cn.qianli.gateway.Periodic;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
class MediaConfiguration {

    @Bean
    MediaImport mediaImport(Spool spool, Clock clock) {
        return new MediaImport(spool, clock);
    }

    @Bean(destroyMethod = "close")
    Periodic dropFolder(MediaImport media, MediaProperties properties) {
        if (properties.watchDirectory().isBlank()) {
            return Periodic.every("drop-folder", properties.watchInterval(), () -> { });
        }
        Path folder = Path.of(properties.watchDirectory());
        return Periodic.every("drop-folder", properties.watchInterval(),
                () -> media.drain(folder, properties.settleTime()));
    }
}
