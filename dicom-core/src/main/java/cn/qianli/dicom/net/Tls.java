package cn.qianli.dicom.net;

import javax.net.ssl.SSLContext;

/**
 * TLS for DICOM connections (PS3.15 B.1) through the JDK: the protocols and cipher suites are the
 * JDK's defaults for {@code context} (TLS 1.3 and 1.2 with modern suites).
 *
 * @param context         key and trust material, e.g. from {@code SSLContext.getInstance("TLS")}
 * @param needClientAuth  server side: require a client certificate trusted by {@code context}
 */
public record Tls(SSLContext context, boolean needClientAuth) {

    public Tls {
        if (context == null) {
            throw new IllegalArgumentException("TLS needs an SSLContext");
        }
    }
}
