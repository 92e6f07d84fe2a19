package cn.qianli.gateway.forward;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OAuth2 client credentials of this gateway (environment {@code QIANLI_GATEWAY_TOKEN_*}).
 *
 * @param endpoint       the token endpoint, e.g. {@code http://127.0.0.1:8180/realms/qianli/protocol/openid-connect/token};
 *                       empty = send no token (a centre or test server without authentication)
 * @param clientId       e.g. {@code gateway-h001}
 * @param clientSecret   from the environment only ({@code QIANLI_GATEWAY_TOKEN_CLIENT_SECRET})
 * @param refreshBefore  fetch a new token this long before the current one expires
 */
@ConfigurationProperties("qianli.gateway.token")
public record TokenProperties(
        @DefaultValue("") String endpoint,
        @DefaultValue("gateway-h001") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("30s") Duration refreshBefore) {

    public boolean enabled() {
        return endpoint != null && !endpoint.isBlank();
    }
}
