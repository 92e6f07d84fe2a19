package cn.qianli.dicom.net;

import java.nio.file.Path;

/**
 * An instance received by C-STORE, already on disk as a Part 10 file.
 *
 * @param callingAeTitle    the sender's AE title
 * @param calledAeTitle     the AE title the sender called
 * @param sopClassUid       Affected SOP Class UID of the C-STORE-RQ (also Media Storage SOP Class UID)
 * @param sopInstanceUid    Affected SOP Instance UID of the C-STORE-RQ, a valid UID
 * @param transferSyntaxUid the transfer syntax of the presentation context, which the data set is in
 * @param file              the Part 10 file (a name chosen by us in the spool directory), fsynced when configured
 * @param dataSetLength     bytes of data set received (the file is this plus the File Meta Information)
 * @param remoteAddress     the sender's address, "host:port"
 */
public record ReceivedInstance(String callingAeTitle, String calledAeTitle, String sopClassUid, String sopInstanceUid,
        String transferSyntaxUid, Path file, long dataSetLength, String remoteAddress) {
}
