package cn.qianli.dicom.net;

import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import java.util.stream.Stream;

/**
 * The C-FIND SCP role (Study Root): returns the matches of a request, lazily if it likes.
 *
 * <p>Each match is sent as a Pending response holding the requested keys (values from the match,
 * empty where the match has none); then Success, or Cancel when the requestor sent C-CANCEL-RQ
 * (the stream is closed then). A {@link DimseException} (thrown here or while the stream is
 * consumed) becomes the final response; any other exception becomes
 * {@link Status#UNABLE_TO_PROCESS_FIND}.
 */
@FunctionalInterface
public interface FindHandler {

    Stream<QueryKeys> find(FindRequest request) throws DimseException;
}
