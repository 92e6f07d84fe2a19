package cn.qianli.centre.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param oidcIssuer  the realm that issues tokens (QIANLI_OIDC_ISSUER)
 * @param audience    the audience a token must carry to be accepted here
 * @param corsOrigins browser origins allowed to call (the viewer's), comma-separated in QIANLI_CORS_ORIGINS
 */
@ConfigurationProperties("qianli.security")
public record SecurityProperties(String oidcIssuer, String audience, List<String> corsOrigins) {

    public SecurityProperties {
        audience = audience == null || audience.isBlank() ? "qianli-centre" : audience;
        corsOrigins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
