package cn.qianli.centre.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web server's own error answers as problem documents instead of its HTML page: requests it
 * refuses before the application sees them (an encoded '/', '\' or NUL in the path, a malformed
 * request line). Tomcat creates it by class name for the host, so it has no Spring beans; the body
 * has the fields of {@link ProblemResponses}, from fixed text and the status alone, never the request.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String code = status == 400 ? Problem.BAD_REQUEST.code() : "http-" + status;
        String detail = status == 400
                ? "the web server refused the request before the service read it: an encoded '/', '\\' or NUL"
                        + " in the path, or a malformed request line"
                : title;
        String body = JSON.writeValueAsString(ProblemResponses.body(code, title, status, detail));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already started: nothing more can be said
        }
    }
}
