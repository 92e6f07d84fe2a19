package cn.qianli.dicom.net;

import cn.qianli.dicom.net.dimse.Status;

/**
 * A final DIMSE response that is not a failure (success or warning).
 *
 * @param status       the status code
 * @param errorComment the Error Comment, "" when none
 */
public record DimseResponse(int status, String errorComment) {

    public boolean isSuccess() {
        return status == Status.SUCCESS.code();
    }

    @Override
    public String toString() {
        return Status.describe(status) + (errorComment.isEmpty() ? "" : ": " + errorComment);
    }
}
