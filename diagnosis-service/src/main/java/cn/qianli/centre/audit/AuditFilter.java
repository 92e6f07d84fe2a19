package cn.qianli.centre.audit;

import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes one audit entry for every authenticated request under {@code /dicom-web} and
 * {@code /api}, after it has been answered, with its outcome. Runs inside the security filter
 * chain, so the caller is known; the action is the method and the matched route, and the study,
 * series and instance come from the route's {@code study}, {@code series}, {@code instance}
 * variables.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    /** Request attribute set once this filter wrote the request's entry. */
    static final String RECORDED = AuditFilter.class.getName() + ".recorded";

    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    /** A gateway's heartbeat carries no patient data and comes every minute from every gateway. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + "/api/gateway/heartbeat");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            Caller caller = Callers.of(SecurityContextHolder.getContext().getAuthentication(), request.getRemoteAddr());
            if (caller != null) {
                request.setAttribute(RECORDED, Boolean.TRUE);
                record(request, caller, status);
            }
        }
    }

    private void record(HttpServletRequest request, Caller caller, int status) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern != null ? pattern.toString() : request.getRequestURI();
        Map<?, ?> vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> m
                ? m : Map.of();
        Object detail = request.getAttribute(AuditTrail.REQUEST_DETAIL);
        try {
            trail.record(AuditEntry.of(caller.actor(), caller.roleNames(), caller.hospitalId(),
                    request.getMethod() + " " + route, text(vars.get("study")), text(vars.get("series")),
                    text(vars.get("instance")), outcome(status), caller.clientAddress(),
                    detail == null ? "status " + status : detail + "; status " + status));
        } catch (RuntimeException e) {
            log.error("audit entry for {} {} by {} could not be written", request.getMethod(), route, caller.actor(), e);
        }
    }

    static String outcome(int status) {
        if (status == 202) {
            return "partial";
        }
        if (status < 400) {
            return "success";
        }
        return switch (status) {
            case 401, 403 -> "denied";
            case 404 -> "not-found";
            case 409 -> "conflict";
            default -> status < 500 ? "rejected" : "failed";
        };
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
