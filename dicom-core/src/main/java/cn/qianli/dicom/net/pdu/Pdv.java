package cn.qianli.dicom.net.pdu;

/**
 * The header of one presentation data value item of a P-DATA-TF PDU (PS3.8 9.3.5.1, Annex E.2).
 * Its {@code length} bytes of value are read from {@link PduInput} after this is returned.
 *
 * @param presentationContextId odd, 1..255
 * @param command               true for a command fragment, false for a data set fragment
 * @param last                  true for the last fragment of the command or data set
 * @param length                number of value bytes that follow (without the 2 header bytes)
 */
public record Pdv(int presentationContextId, boolean command, boolean last, int length) implements Pdu {

    @Override
    public String toString() {
        return "P-DATA-TF[pc=" + presentationContextId + ", " + (command ? "command" : "data set")
                + (last ? ", last" : "") + ", " + length + " bytes]";
    }
}
