package cn.qianli.gateway.forward;

import cn.qianli.gateway.spool.Spool;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CentreProperties.class, TokenProperties.class})
class ForwardConfiguration {

    @Bean
    BearerTokens bearerTokens(TokenProperties token, Clock clock) {
        return token.enabled() ? new ClientCredentialsTokens(token, clock) : BearerTokens.NONE;
    }

    @Bean
    CentreApi centreApi(CentreProperties centre, BearerTokens tokens) {
        return new CentreApi(centre, tokens);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    Forwarder forwarder(Spool spool, CentreProperties centre, BearerTokens tokens, Clock clock) {
        return new Forwarder(spool, centre, tokens, clock);
    }
}
