package cn.qianli.centre.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds the problem+json body for a catalogued problem; also writes it outside Spring MVC. */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail detail(Problem problem, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail == null ? problem.title() : detail);
        body.setType(URI.create("urn:qianli:problem:" + problem.code()));
        body.setTitle(problem.title());
        body.setProperty("code", problem.code());
        return body;
    }

    /** For the security filters, which answer before any controller runs. */
    public void write(HttpServletResponse response, Problem problem, String detail) throws IOException {
        Map<String, Object> body = body(problem.code(), problem.title(), problem.status().value(),
                detail == null ? problem.title() : detail);
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The fields of a problem document, in order, for writers outside Spring MVC. */
    static Map<String, Object> body(String code, String title, int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:qianli:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }
}
