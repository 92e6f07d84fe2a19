package cn.qianli.centre.reading;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadingProperties.class)
@EnableScheduling
class ReadingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadingConfiguration.class);

    /** The workflow's clock (arrival, due times, claims, signatures); tests replace it with a fixed one. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The intake scan, every {@code qianli.reading.intake-scan-interval} unless that is zero. */
    @Bean
    SchedulingConfigurer intakeScan(StudyIntake intake, ReadingProperties props) {
        return registrar -> {
            if (props.intakeScanInterval().isZero() || props.intakeScanInterval().isNegative()) {
                return;
            }
            registrar.addFixedDelayTask(() -> {
                try {
                    intake.scan(props.quietPeriod());
                } catch (RuntimeException e) {
                    log.error("intake scan failed: {}", e.toString());
                }
            }, props.intakeScanInterval());
        };
    }
}
