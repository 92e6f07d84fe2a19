/**
 * The PS3.8 upper layer's protocol data units (section 9.3): A-ASSOCIATE-RQ/AC/RJ with their
 * presentation context and user information items, P-DATA-TF as a stream of PDVs, A-RELEASE-RQ/RP
 * and A-ABORT; {@link cn.qianli.dicom.net.pdu.PduInput} reads them with every length checked
 * against our limits before anything is allocated, {@link cn.qianli.dicom.net.pdu.PduOutput}
 * writes them.
 */
package cn.qianli.dicom.net.pdu;
