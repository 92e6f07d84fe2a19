package cn.qianli.centre.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers take a {@link Caller} parameter, resolved from the request's token. */
@Configuration(proxyBeanMethods = false)
class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        return of(SecurityContextHolder.getContext().getAuthentication(), http == null ? "" : http.getRemoteAddr());
    }

    static Caller of(Authentication authentication, String clientAddress) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("no bearer token on an authenticated request");
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
