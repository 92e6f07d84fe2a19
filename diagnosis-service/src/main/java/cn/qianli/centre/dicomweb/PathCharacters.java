package cn.qianli.centre.dicomweb;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DICOMweb paths hold only keywords, UIDs and frame lists; anything else in the raw path
 * (percent-escapes, ';' path parameters, quotes) is refused before routing, so no decoded or
 * stripped variant of a hostile path ever reaches a handler.
 */
final class PathCharacters extends OncePerRequestFilter {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9./,_-]*");

    private final ProblemResponses problems;

    PathCharacters(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!ALLOWED.matcher(path).matches() || path.contains("..")) {
            problems.write(response, Problem.INVALID_UID, "the path holds characters no DICOMweb resource has");
            return;
        }
        chain.doFilter(request, response);
    }
}
