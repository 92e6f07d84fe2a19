package cn.qianli.dicom.net.pdu;

import java.util.List;

/**
 * A presentation context as proposed in A-ASSOCIATE-RQ (PS3.8 9.3.2.2).
 *
 * @param id                odd, 1..255
 * @param abstractSyntax    the SOP class UID
 * @param transferSyntaxes  proposed transfer syntax UIDs, the requestor's preference first
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextRq {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
