package cn.qianli.centre.dicomweb;

import cn.qianli.centre.problem.ProblemResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DicomWebProperties.class)
class DicomWebConfiguration {

    /**
     * A client that sends "Expect: 100-continue" gets the final answer (401, 403, 413, 415) before
     * it sends a body the service would refuse: Tomcat says "100 Continue" only when the body is read.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    @Bean
    FilterRegistrationBean<PathCharacters> dicomWebPathCharacters(ProblemResponses problems) {
        FilterRegistrationBean<PathCharacters> registration = new FilterRegistrationBean<>(new PathCharacters(problems));
        registration.addUrlPatterns("/dicom-web/*");
        // after authentication and the audit filter (order 0), so refused paths are audited too
        registration.setOrder(1);
        return registration;
    }
}
