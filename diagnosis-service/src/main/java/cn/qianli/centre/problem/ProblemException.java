package cn.qianli.centre.problem;

/** A failure that leaves the service as its catalogued problem; the detail is safe to show. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem, String detail) {
        super(detail == null ? problem.title() : detail);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
