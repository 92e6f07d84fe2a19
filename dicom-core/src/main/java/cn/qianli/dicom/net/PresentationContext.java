package cn.qianli.dicom.net;

/**
 * An accepted presentation context of an established association: DIMSE messages for
 * {@code abstractSyntax} travel on it in {@code transferSyntax}, and nothing else does.
 *
 * @param id             the presentation context id, odd, 1..255
 * @param abstractSyntax the SOP class UID
 * @param transferSyntax the transfer syntax UID the acceptor chose
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax) {
}
