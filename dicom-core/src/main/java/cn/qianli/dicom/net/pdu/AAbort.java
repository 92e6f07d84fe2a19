package cn.qianli.dicom.net.pdu;

/**
 * A-ABORT (PS3.8 9.3.8).
 *
 * @param source 0 = DICOM UL service-user, 2 = DICOM UL service-provider
 * @param reason with source 2: one of the {@code REASON_*} constants; 0 otherwise
 */
public record AAbort(int source, int reason) implements Pdu {

    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    public static final int REASON_UNEXPECTED_PDU = 2;
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    /** An abort by the service user (us, deliberately). */
    public static AAbort byUser() {
        return new AAbort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    /** An abort by the service provider (the upper layer found a protocol error). */
    public static AAbort byProvider(int reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason);
    }

    @Override
    public String toString() {
        String why = switch (reason) {
            case REASON_UNRECOGNIZED_PDU -> "unrecognized-PDU";
            case REASON_UNEXPECTED_PDU -> "unexpected-PDU";
            case REASON_UNRECOGNIZED_PDU_PARAMETER -> "unrecognized-PDU-parameter";
            case REASON_UNEXPECTED_PDU_PARAMETER -> "unexpected-PDU-parameter";
            case REASON_INVALID_PDU_PARAMETER_VALUE -> "invalid-PDU-parameter-value";
            default -> "reason-not-specified";
        };
        return "A-ABORT[source=" + (source == SOURCE_SERVICE_PROVIDER ? "service-provider" : "service-user")
                + ", " + why + "]";
    }
}
