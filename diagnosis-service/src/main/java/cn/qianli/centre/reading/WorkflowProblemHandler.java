package cn.qianli.centre.reading;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the workflow's failures (and unreadable JSON bodies) of the workflow's controllers. */
@RestControllerAdvice(basePackages = {"cn.qianli.centre.reading", "cn.qianli.centre.report", "cn.qianli.centre.clinic"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkflowProblemHandler {

    @ExceptionHandler(WorkflowProblem.WorkflowException.class)
    ResponseEntity<ProblemDetail> workflow(WorkflowProblem.WorkflowException e) {
        return answer(e.problem().status(), e.problem().title(), e.problem().code(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        WorkflowProblem p = WorkflowProblem.INVALID_INPUT;
        return answer(p.status(), p.title(), p.code(), "the request body is not the JSON this endpoint expects");
    }

    static ResponseEntity<ProblemDetail> answer(HttpStatus status, String title, String code, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("urn:qianli:problem:" + code));
        body.setTitle(title);
        body.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
