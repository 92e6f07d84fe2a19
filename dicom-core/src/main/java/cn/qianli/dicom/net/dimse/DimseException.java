package cn.qianli.dicom.net.dimse;

/**
 * A DIMSE failure carrying the whole response: status, Error Comment (at most 64 characters, as
 * LO allows) and Offending Element. Thrown by handlers to answer with that response, and by the
 * SCU when the peer answers with a failure.
 */
public final class DimseException extends Exception {

    private final int status;
    private final String errorComment;
    private final int[] offendingElements;

    public DimseException(int status, String errorComment, int... offendingElements) {
        super(Status.describe(status) + (errorComment == null || errorComment.isEmpty() ? "" : ": " + errorComment));
        this.status = status;
        this.errorComment = trim(errorComment);
        this.offendingElements = offendingElements.clone();
    }

    public DimseException(Status status, String errorComment, int... offendingElements) {
        this(status.code(), errorComment, offendingElements);
    }

    public int status() {
        return status;
    }

    /** The Error Comment, "" when none; never more than 64 characters. */
    public String errorComment() {
        return errorComment;
    }

    /** The Offending Element tags, empty when none. */
    public int[] offendingElements() {
        return offendingElements.clone();
    }

    /** Writes status, Error Comment and Offending Element into a response command. */
    public Command applyTo(Command response) {
        response.setInt(Command.Status, status);
        if (!errorComment.isEmpty()) {
            response.setString(Command.ErrorComment, errorComment);
        }
        if (offendingElements.length > 0) {
            response.setTags(Command.OffendingElement, offendingElements);
        }
        return response;
    }

    private static String trim(String comment) {
        if (comment == null) {
            return "";
        }
        String printable = comment.replaceAll("[^\\x20-\\x5B\\x5D-\\x7E]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) : printable;
    }
}
