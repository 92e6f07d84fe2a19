package cn.qianli.centre.reading;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The reading workflow's errors, answered as problem+json in the same shape as the centre's
 * catalogue ({@code urn:qianli:problem:<code>}, title, status, detail, code).
 */
public enum WorkflowProblem {
    INVALID_INPUT(HttpStatus.BAD_REQUEST, "Invalid input"),
    TEXT_TOO_LONG(HttpStatus.CONTENT_TOO_LARGE, "A text field is longer than this service accepts"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such reading request or report"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed for this caller"),
    SIGNER_NOT_CALLER(HttpStatus.FORBIDDEN, "A radiologist signs only for themself"),
    STATE_CONFLICT(HttpStatus.CONFLICT, "Not allowed in the request's current state"),
    CLAIMED_BY_ANOTHER(HttpStatus.CONFLICT, "Another radiologist holds the claim"),
    VERSION_CONFLICT(HttpStatus.CONFLICT, "The report was changed since this version"),
    REPORT_FINAL(HttpStatus.CONFLICT, "The report is final; it can only be amended");

    private final HttpStatus status;
    private final String title;

    WorkflowProblem(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public WorkflowException exception(String detail) {
        return new WorkflowException(this, detail);
    }

    /** A workflow failure; the detail is safe to show. */
    public static final class WorkflowException extends RuntimeException {

        private final WorkflowProblem problem;

        WorkflowException(WorkflowProblem problem, String detail) {
            super(detail == null ? problem.title() : detail);
            this.problem = problem;
        }

        public WorkflowProblem problem() {
            return problem;
        }
    }
}
