package cn.qianli.dicom.net.pdu;

/**
 * A presentation context as answered in A-ASSOCIATE-AC (PS3.8 9.3.3.2, Table 9-18).
 *
 * @param id             the id of the proposed context it answers
 * @param result         {@link #ACCEPTANCE} or one of the rejection reasons
 * @param transferSyntax the accepted transfer syntax (not significant when rejected)
 */
public record PresentationContextAc(int id, int result, String transferSyntax) {

    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public boolean accepted() {
        return result == ACCEPTANCE;
    }

    /** The standard's words for a result. */
    public static String resultName(int result) {
        return switch (result) {
            case ACCEPTANCE -> "acceptance";
            case USER_REJECTION -> "user-rejection";
            case ABSTRACT_SYNTAX_NOT_SUPPORTED -> "abstract-syntax-not-supported (provider rejection)";
            case TRANSFER_SYNTAXES_NOT_SUPPORTED -> "transfer-syntaxes-not-supported (provider rejection)";
            default -> "no-reason (provider rejection)";
        };
    }
}
