package cn.qianli.gateway.study;

import cn.qianli.gateway.Periodic;
import cn.qianli.gateway.forward.CentreApi;
import cn.qianli.gateway.spool.Spool;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StudyProperties.class)
class StudyConfiguration {

    @Bean
    StudyLedger studyLedger(Spool spool, Clock clock) throws IOException {
        return StudyLedger.open(spool.root().resolve("studies"), spool, clock);
    }

    @Bean(destroyMethod = "close")
    Periodic studyCompletion(StudyLedger ledger, Spool spool, CentreApi centre, StudyProperties properties,
                             Clock clock) {
        StudyCompleter completer = new StudyCompleter(ledger, spool, centre, properties, clock);
        return Periodic.every("study-completion", properties.checkInterval(), completer::check);
    }
}
