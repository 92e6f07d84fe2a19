package cn.qianli.centre;

import cn.qianli.localservices.LocalKeycloak;
import cn.qianli.localservices.LocalServices;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens from the real realm for the demo users and clients, fetched once a minute at most. */
public final class Tokens {

    private record Fresh(String token, Instant fetched) {
    }

    private static final Map<String, Fresh> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static LocalKeycloak keycloak() {
        return LocalServices.keycloak();
    }

    /** A user of the realm (clinic1, clinic2, radiologist1, auditor1); the password is the user name. */
    public static String user(String name) {
        return cached("user:" + name, () -> keycloak().passwordGrant(name, name));
    }

    /** A confidential client (gateway-h001, gateway-h002, ai-assist). */
    public static String client(String clientId) {
        return cached("client:" + clientId, () -> keycloak().clientCredentials(clientId));
    }

    private static String cached(String key, java.util.function.Supplier<String> fetch) {
        Fresh f = CACHE.get(key);
        if (f == null || f.fetched().isBefore(Instant.now().minusSeconds(60))) {
            f = new Fresh(fetch.get(), Instant.now());
            CACHE.put(key, f);
        }
        return f.token();
    }
}
