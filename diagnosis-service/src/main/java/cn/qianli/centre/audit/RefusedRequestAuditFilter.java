package cn.qianli.centre.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes one audit entry for every request under {@code /dicom-web} and {@code /api} that the
 * security filters refused with 401 (no, invalid or expired bearer token) before any caller was
 * known: actor {@code anonymous}, the method and path, the client address. Runs outside Spring
 * Security's chain; requests with a caller are {@link AuditFilter}'s.
 */
class RefusedRequestAuditFilter extends OncePerRequestFilter {

    static final String ANONYMOUS = "anonymous";
    private static final Logger log = LoggerFactory.getLogger(RefusedRequestAuditFilter.class);
    private static final int MAX_PATH_CHARS = 1000;

    private final AuditTrail trail;

    RefusedRequestAuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED
                && request.getAttribute(AuditFilter.RECORDED) == null) {
            record(request);
        }
    }

    private void record(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.length() > MAX_PATH_CHARS) {
            path = path.substring(0, MAX_PATH_CHARS) + "...";
        }
        // the token itself is never written: it is a credential
        String why = request.getHeader("Authorization") == null ? "no bearer token" : "bearer token refused";
        try {
            trail.record(AuditEntry.of(ANONYMOUS, "", "", request.getMethod() + " " + path, "", "", "",
                    AuditFilter.outcome(HttpServletResponse.SC_UNAUTHORIZED), request.getRemoteAddr(),
                    why + "; status 401"));
        } catch (RuntimeException e) {
            log.error("audit entry for the refused {} {} could not be written", request.getMethod(), path, e);
        }
    }
}
