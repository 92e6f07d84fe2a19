package cn.qianli.centre.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Builds the {@link Caller} from a verified bearer token. */
public final class Callers {

    private Callers() {
    }

    /** The caller behind {@code authentication}, or null when the request carried no bearer token. */
    public static Caller of(Authentication authentication, String clientAddress) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return null;
        }
        Jwt jwt = token.getToken();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if (token.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(r.authority()))) {
                roles.add(r);
            }
        }
        String user = jwt.getClaimAsString("preferred_username");
        String client = jwt.getClaimAsString("azp");
        boolean service = user == null || user.startsWith("service-account-");
        String actor = service && client != null ? client : user != null ? user : jwt.getSubject();
        return new Caller(actor, jwt.getSubject(), roles, jwt.getClaimAsString("hospital_id"),
                strings(jwt.getClaim("district")), clientAddress);
    }

    private static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim != null) {
            out.add(String.valueOf(claim));
        }
        return out;
    }
}
