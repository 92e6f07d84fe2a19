package cn.qianli.dicom.net;

import java.time.Duration;

/**
 * Configuration of the requestor side ({@link DicomClient}).
 *
 * @param callingAeTitle  our AE title
 * @param maxPduLength    the maximum P-DATA-TF length we announce and enforce on input
 * @param connectTimeout  TCP connect (and TLS handshake)
 * @param artimTimeout    waiting for A-ASSOCIATE-AC/RJ and for A-RELEASE-RP
 * @param responseTimeout waiting for each DIMSE response (or the next PDU of one)
 * @param tls             TLS, or null for plain TCP; the server's certificate must match the host name
 */
public record ClientConfig(String callingAeTitle, int maxPduLength, Duration connectTimeout, Duration artimTimeout,
        Duration responseTimeout, Tls tls) {

    public ClientConfig {
        if (callingAeTitle == null || callingAeTitle.isBlank() || callingAeTitle.length() > 16) {
            throw new IllegalArgumentException("AE title must be 1..16 characters: " + callingAeTitle);
        }
        if (maxPduLength < ServerConfig.MIN_MAX_PDU_LENGTH || maxPduLength > ServerConfig.MAX_MAX_PDU_LENGTH) {
            throw new IllegalArgumentException("max PDU length out of range: " + maxPduLength);
        }
        ServerConfig.requirePositive(connectTimeout, "connect timeout");
        ServerConfig.requirePositive(artimTimeout, "ARTIM timeout");
        ServerConfig.requirePositive(responseTimeout, "response timeout");
    }

    /** 64 KiB PDUs, connect 10 s, ARTIM 30 s, response 60 s, no TLS. */
    public static ClientConfig defaults(String callingAeTitle) {
        return new ClientConfig(callingAeTitle, ServerConfig.DEFAULT_MAX_PDU_LENGTH, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60), null);
    }

    public ClientConfig withTimeouts(Duration connect, Duration artim, Duration response) {
        return new ClientConfig(callingAeTitle, maxPduLength, connect, artim, response, tls);
    }

    public ClientConfig withMaxPduLength(int length) {
        return new ClientConfig(callingAeTitle, length, connectTimeout, artimTimeout, responseTimeout, tls);
    }

    public ClientConfig withTls(Tls settings) {
        return new ClientConfig(callingAeTitle, maxPduLength, connectTimeout, artimTimeout, responseTimeout, settings);
    }
}
