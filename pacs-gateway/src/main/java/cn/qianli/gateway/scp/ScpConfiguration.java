package cn.qianli.gateway.scp;

import cn.qianli.dicom.net.DicomServer;
import cn.qianli.dicom.net.ServerConfig;
import cn.qianli.gateway.spool.Spool;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DicomProperties.class)
class ScpConfiguration {

    @Bean(destroyMethod = "close")
    DicomServer dicomServer(DicomProperties dicom, Spool spool) throws IOException {
        Set<String> modalities = dicom.modalities().stream().map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        ServerConfig config = ServerConfig.defaults(dicom.aeTitle(), spool.incomingDirectory())
                .withBindAddress(dicom.bindAddress(), dicom.port())
                .withMaxAssociations(dicom.maxAssociations())
                .withAllowedCallingAeTitles(modalities)
                .withCheckCalledAeTitle(true)
                .withFsync(true);
        return DicomServer.builder(config).onStore(new StoreScp(spool)).start();
    }
}
