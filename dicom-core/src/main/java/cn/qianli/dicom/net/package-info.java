/**
 * The DICOM network layer, written here rather than taken from the toolkit: the PS3.8
 * association (state machine, ARTIM and idle timeouts, PDU limits enforced on input, TCP_NODELAY,
 * optional TLS) and PS3.7 DIMSE services on top of it.
 *
 * <p>Acceptor: {@link cn.qianli.dicom.net.DicomServer} with a {@link cn.qianli.dicom.net.ServerConfig}
 * and one handler per DIMSE role ({@link cn.qianli.dicom.net.StoreHandler},
 * {@link cn.qianli.dicom.net.FindHandler}; C-ECHO is built in). Requestor:
 * {@link cn.qianli.dicom.net.DicomClient} opening a {@link cn.qianli.dicom.net.ClientAssociation}.
 * PDUs are in {@code pdu}, command sets and statuses in {@code dimse}, toolkit glue in
 * {@code internal}.
 */
package cn.qianli.dicom.net;
