package cn.qianli.dicom.net;

/**
 * A C-FIND request as the handler sees it.
 *
 * @param callingAeTitle the requestor's AE title
 * @param sopClassUid    the query/retrieve information model (Study Root)
 * @param identifier     the query keys (matching and return keys)
 * @param remoteAddress  the requestor's address, "host:port"
 */
public record FindRequest(String callingAeTitle, String sopClassUid, QueryKeys identifier, String remoteAddress) {
}
