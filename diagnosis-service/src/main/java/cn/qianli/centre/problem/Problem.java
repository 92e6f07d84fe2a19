package cn.qianli.centre.problem;

import org.springframework.http.HttpStatus;

/** Every error the centre answers with (archive and reading workflow alike): its HTTP status and a short title. */
public enum Problem {
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "A valid bearer token is required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed for this caller"),
    OTHER_HOSPITAL(HttpStatus.FORBIDDEN, "The data belongs to another hospital"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    SOP_INSTANCE_CONFLICT(HttpStatus.CONFLICT, "A different instance with this SOP Instance UID is already stored"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request is larger than this service accepts"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "None of the accepted media types can be produced"),
    MALFORMED_MULTIPART(HttpStatus.BAD_REQUEST, "The multipart body is malformed"),
    INVALID_UID(HttpStatus.BAD_REQUEST, "Not a valid DICOM UID"),
    INVALID_QUERY_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid query parameter"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
    INVALID_INPUT(HttpStatus.BAD_REQUEST, "Invalid input"),
    TEXT_TOO_LONG(HttpStatus.CONTENT_TOO_LARGE, "A text field is longer than this service accepts"),
    SIGNER_NOT_CALLER(HttpStatus.FORBIDDEN, "A radiologist signs only for themself"),
    STATE_CONFLICT(HttpStatus.CONFLICT, "Not allowed in the reading request's current state"),
    CLAIMED_BY_ANOTHER(HttpStatus.CONFLICT, "Another radiologist holds the claim"),
    VERSION_CONFLICT(HttpStatus.CONFLICT, "The report was changed since this version"),
    REPORT_FINAL(HttpStatus.CONFLICT, "The report is final; it can only be amended"),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The object store is not available"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    Problem(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code clients see, e.g. {@code sop-instance-conflict}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public ProblemException exception(String detail) {
        return new ProblemException(this, detail);
    }
}
