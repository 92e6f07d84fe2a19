package cn.qianli.centre.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditTrail trail) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(trail));
        registration.addUrlPatterns("/dicom-web/*", "/api/*");
        // inside Spring Security's chain (order -100), so the caller is known
        registration.setOrder(0);
        return registration;
    }
}
