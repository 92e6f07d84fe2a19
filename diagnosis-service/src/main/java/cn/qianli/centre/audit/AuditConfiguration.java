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

    @Bean
    FilterRegistrationBean<RefusedRequestAuditFilter> refusedRequestAuditFilter(AuditTrail trail) {
        FilterRegistrationBean<RefusedRequestAuditFilter> registration =
                new FilterRegistrationBean<>(new RefusedRequestAuditFilter(trail));
        registration.addUrlPatterns("/dicom-web/*", "/api/*");
        // outside Spring Security's chain (order -100), to see the 401s it answers itself
        registration.setOrder(-101);
        return registration;
    }
}
