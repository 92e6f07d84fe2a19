package cn.qianli.centre.dicomweb;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DicomWebProperties.class)
class DicomWebConfiguration {
}
