package cn.qianli.centre.reading;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Unreadable JSON bodies sent to the workflow's controllers are {@code invalid-input}; every other
 * failure is a {@link cn.qianli.centre.problem.ProblemException} the centre's handler answers.
 */
@RestControllerAdvice(basePackages = {"cn.qianli.centre.reading", "cn.qianli.centre.report", "cn.qianli.centre.clinic"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkflowProblemHandler {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Problem p = Problem.INVALID_INPUT;
        return ResponseEntity.status(p.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.detail(p, "the request body is not the JSON this endpoint expects"));
    }
}
