package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DicomFormatException;

/** Pixel data in a transfer syntax whose frames Qianli cannot decode; the message names it. */
public class UnsupportedTransferSyntaxException extends DicomFormatException {

    private final String transferSyntaxUid;

    public UnsupportedTransferSyntaxException(String transferSyntaxUid, String detail) {
        super("cannot decode pixel data in " + TransferSyntaxName.of(transferSyntaxUid)
                + (detail == null ? "" : ": " + detail));
        this.transferSyntaxUid = transferSyntaxUid;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }
}
