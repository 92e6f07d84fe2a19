package cn.qianli.dicom.net.pdu;

/**
 * A-ASSOCIATE-RJ (PS3.8 9.3.4, Table 9-21).
 *
 * @param result 1 = rejected-permanent, 2 = rejected-transient
 * @param source 1 = service-user, 2 = service-provider (ACSE), 3 = service-provider (presentation)
 * @param reason meaning depends on the source, see the {@code REASON_*} constants
 */
public record AAssociateRj(int result, int source, int reason) implements Pdu {

    public static final int RESULT_REJECTED_PERMANENT = 1;
    public static final int RESULT_REJECTED_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Reasons with source 1 (service-user). */
    public static final int REASON_NO_REASON_GIVEN = 1;
    public static final int REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2;
    public static final int REASON_CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
    public static final int REASON_CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
    /** Reason with source 2 (service-provider, ACSE related function). */
    public static final int REASON_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    /** Reasons with source 3 (service-provider, presentation related function). */
    public static final int REASON_TEMPORARY_CONGESTION = 1;
    public static final int REASON_LOCAL_LIMIT_EXCEEDED = 2;

    public static AAssociateRj callingAeTitleNotRecognized() {
        return new AAssociateRj(RESULT_REJECTED_PERMANENT, SOURCE_SERVICE_USER, REASON_CALLING_AE_TITLE_NOT_RECOGNIZED);
    }

    public static AAssociateRj calledAeTitleNotRecognized() {
        return new AAssociateRj(RESULT_REJECTED_PERMANENT, SOURCE_SERVICE_USER, REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    public static AAssociateRj applicationContextNameNotSupported() {
        return new AAssociateRj(RESULT_REJECTED_PERMANENT, SOURCE_SERVICE_USER,
                REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
    }

    public static AAssociateRj protocolVersionNotSupported() {
        return new AAssociateRj(RESULT_REJECTED_PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE,
                REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    public static AAssociateRj localLimitExceeded() {
        return new AAssociateRj(RESULT_REJECTED_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION,
                REASON_LOCAL_LIMIT_EXCEEDED);
    }

    @Override
    public String toString() {
        String why = switch (source) {
            case SOURCE_SERVICE_USER -> switch (reason) {
                case REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED -> "application-context-name-not-supported";
                case REASON_CALLING_AE_TITLE_NOT_RECOGNIZED -> "calling-AE-title-not-recognized";
                case REASON_CALLED_AE_TITLE_NOT_RECOGNIZED -> "called-AE-title-not-recognized";
                default -> "no-reason-given";
            };
            case SOURCE_SERVICE_PROVIDER_ACSE ->
                    reason == REASON_PROTOCOL_VERSION_NOT_SUPPORTED ? "protocol-version-not-supported" : "no-reason-given";
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> switch (reason) {
                case REASON_TEMPORARY_CONGESTION -> "temporary-congestion";
                case REASON_LOCAL_LIMIT_EXCEEDED -> "local-limit-exceeded";
                default -> "reason " + reason;
            };
            default -> "source " + source + " reason " + reason;
        };
        return "A-ASSOCIATE-RJ[" + (result == RESULT_REJECTED_TRANSIENT ? "rejected-transient" : "rejected-permanent")
                + ", " + why + "]";
    }
}
