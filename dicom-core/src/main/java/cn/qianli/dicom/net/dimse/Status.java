package cn.qianli.dicom.net.dimse;

/**
 * DIMSE statuses with their meanings from PS3.7 Annex C and the service classes of PS3.4.
 * {@link #kindOf(int)} classifies any code, named here or not.
 */
public enum Status {

    SUCCESS(0x0000, "Success"),

    // Pending (C-FIND, C-MOVE, C-GET)
    PENDING(0xFF00, "Pending: matches are continuing"),
    PENDING_WARNING(0xFF01, "Pending: matches are continuing, optional keys not supported"),

    CANCEL(0xFE00, "Cancel: matching or sub-operations terminated by a C-CANCEL"),

    // Warnings (storage, PS3.4 Table B.2-1)
    COERCION_OF_DATA_ELEMENTS(0xB000, "Warning: coercion of data elements"),
    ELEMENTS_DISCARDED(0xB006, "Warning: elements discarded"),
    DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING(0xB007, "Warning: data set does not match SOP class"),
    ATTRIBUTE_LIST_ERROR(0x0107, "Warning: attribute list error"),
    ATTRIBUTE_VALUE_OUT_OF_RANGE(0x0116, "Warning: attribute value out of range"),

    // Failures, general (PS3.7 C.4, C.5)
    PROCESSING_FAILURE(0x0110, "Failure: processing failure"),
    DUPLICATE_SOP_INSTANCE(0x0111, "Failure: duplicate SOP instance"),
    NO_SUCH_OBJECT_INSTANCE(0x0112, "Failure: no such object instance"),
    INVALID_ARGUMENT_VALUE(0x0115, "Failure: invalid argument value"),
    INVALID_OBJECT_INSTANCE(0x0117, "Failure: invalid object instance"),
    NO_SUCH_SOP_CLASS(0x0118, "Failure: no such SOP class"),
    CLASS_INSTANCE_CONFLICT(0x0119, "Failure: class-instance conflict"),
    MISSING_ATTRIBUTE(0x0120, "Failure: missing attribute"),
    SOP_CLASS_NOT_SUPPORTED(0x0122, "Failure: refused, SOP class not supported"),
    NOT_AUTHORIZED(0x0124, "Failure: refused, not authorized"),
    DUPLICATE_INVOCATION(0x0210, "Failure: duplicate invocation"),
    UNRECOGNIZED_OPERATION(0x0211, "Failure: unrecognized operation"),
    MISTYPED_ARGUMENT(0x0212, "Failure: mistyped argument"),
    RESOURCE_LIMITATION(0x0213, "Failure: resource limitation"),

    // Failures, storage and query/retrieve (PS3.4 B.2.3, C.4.1.1.4)
    OUT_OF_RESOURCES(0xA700, "Failure: refused, out of resources"),
    UNABLE_TO_CALCULATE_NUMBER_OF_MATCHES(0xA701, "Failure: refused, out of resources, unable to calculate number of matches"),
    UNABLE_TO_PERFORM_SUB_OPERATIONS(0xA702, "Failure: refused, out of resources, unable to perform sub-operations"),
    MOVE_DESTINATION_UNKNOWN(0xA801, "Failure: refused, move destination unknown"),
    DATA_SET_DOES_NOT_MATCH_SOP_CLASS(0xA900, "Failure: data set does not match SOP class"),
    IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS(0xA900, "Failure: identifier does not match SOP class"),
    CANNOT_UNDERSTAND(0xC000, "Failure: cannot understand"),
    /** What a C-STORE handler's unexpected exception becomes (as pynetdicom does). */
    UNABLE_TO_PROCESS_STORE(0xC211, "Failure: cannot understand, the storage handler failed"),
    /** What a C-FIND handler's unexpected exception becomes (as pynetdicom does). */
    UNABLE_TO_PROCESS_FIND(0xC311, "Failure: unable to process, the query handler failed");

    /** The four kinds of status a DIMSE response can carry. */
    public enum Kind { SUCCESS, WARNING, FAILURE, PENDING, CANCEL }

    private final int code;
    private final String meaning;

    Status(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Classifies any status code (PS3.7 C.1). */
    public static Kind kindOf(int code) {
        if (code == 0x0000) {
            return Kind.SUCCESS;
        }
        if (code == 0xFF00 || code == 0xFF01) {
            return Kind.PENDING;
        }
        if (code == 0xFE00) {
            return Kind.CANCEL;
        }
        if (code == 0x0001 || (code & 0xF000) == 0xB000 || code == 0x0107 || code == 0x0116) {
            return Kind.WARNING;
        }
        return Kind.FAILURE;
    }

    /** A code with its meaning when it has a name here, e.g. {@code "A700H (Failure: refused, out of resources)"}. */
    public static String describe(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return String.format("%04XH (%s)", code, s.meaning);
            }
        }
        return String.format("%04XH (%s)", code, kindOf(code).name().toLowerCase());
    }
}
