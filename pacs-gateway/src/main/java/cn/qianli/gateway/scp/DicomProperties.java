package cn.qianli.gateway.scp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's DICOM listener (environment {@code QIANLI_GATEWAY_DICOM_*}).
 *
 * @param aeTitle          our AE title; associations calling another are rejected
 * @param port             TCP port
 * @param modalities       modalities allowed to store, {@code AE} or {@code AE@host}, e.g.
 *                         {@code CT01@192.168.1.20,DR01}; empty = any (a laptop default; set it on
 *                         every real gateway)
 * @param maxAssociations  associations served at once
 */
@ConfigurationProperties("qianli.gateway.dicom")
public record DicomProperties(
        @DefaultValue("QIANLI_GW") String aeTitle,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("11112") int port,
        @DefaultValue("") List<String> modalities,
        @DefaultValue("16") int maxAssociations) {
}
