package cn.qianli.dicom.net;

import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;

/**
 * The C-STORE SCP role: decides the status of one received instance.
 *
 * <p>Called after the data set has been written to {@link ReceivedInstance#file()} (and forced to
 * disk when configured). On a success or warning status the file belongs to the handler (move it,
 * keep it, delete it); on a failure status or an exception the server deletes it if it is still
 * there. A {@link DimseException} becomes the response as it is; any other exception becomes
 * {@link Status#UNABLE_TO_PROCESS_STORE} with its message as Error Comment.
 */
@FunctionalInterface
public interface StoreHandler {

    Status store(ReceivedInstance instance) throws DimseException;
}
