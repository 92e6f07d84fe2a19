package cn.qianli.gateway.scp;

import cn.qianli.dicom.net.DicomServer;
import cn.qianli.dicom.net.ServerConfig;
import cn.qianli.gateway.spool.Spool;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DicomProperties.class)
class ScpConfiguration {

    @Bean(destroyMethod = "close")
    DicomServer dicomServer(DicomProperties dicom, Spool spool) throws IOException {
        Modalities modalities = new Modalities(dicom.modalities());
        ServerConfig config = ServerConfig.defaults(dicom.aeTitle(), spool.incomingDirectory())
                .withBindAddress(dicom.bindAddress(), dicom.port())
                .withMaxAssociations(dicom.maxAssociations())
                .withAllowedCallingAeTitles(modalities.aeTitles())
                .withCheckCalledAeTitle(true)
                // the spool forces each file and its rename itself (Spool.accept), so the
                // server's own fsync of incoming/ would only be a second, wasted one
                .withFsync(false);
        return DicomServer.builder(config).onStore(new StoreScp(spool, modalities)).start();
    }
}
