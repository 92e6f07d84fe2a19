package cn.qianli.gateway.scp;

import cn.qianli.dicom.net.ReceivedInstance;
import cn.qianli.dicom.net.StoreHandler;
import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.gateway.spool.InvalidInstanceException;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpoolFullException;
import cn.qianli.gateway.spool.SpooledInstance;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-STORE: the received file (written and fsynced by the server into the spool's
 * {@code incoming/}) is moved into the queue; success only after that move is durable.
 * Below the free-space reserve: 0xA700; not a readable instance: 0xC000; a configured modality
 * calling from another address than its own: 0x0124 (refused, not authorized).
 */
public final class StoreScp implements StoreHandler {

    private static final Logger log = LoggerFactory.getLogger(StoreScp.class);

    private final Spool spool;
    private final Modalities modalities;

    StoreScp(Spool spool, Modalities modalities) {
        this.spool = spool;
        this.modalities = modalities;
    }

    @Override
    public Status store(ReceivedInstance received) throws DimseException {
        if (!modalities.allows(received.callingAeTitle(), received.remoteAddress())) {
            log.warn(">> C-STORE from {} at {} refused: not a configured modality address", received.callingAeTitle(),
                    received.remoteAddress());
            throw new DimseException(Status.NOT_AUTHORIZED, "calling AE not configured for this address");
        }
        try {
            spool.requireSpace(0);
            SpooledInstance stored = spool.accept(received.file());
            log.info(">> C-STORE from {} study {} instance key {} ({} bytes) spooled", received.callingAeTitle(),
                    stored.keys().studyInstanceUid(), stored.key(), stored.size());
            return Status.SUCCESS;
        } catch (SpoolFullException e) {
            log.warn(">> C-STORE from {} refused: {}", received.callingAeTitle(), e.getMessage());
            throw new DimseException(Status.OUT_OF_RESOURCES, comment("spool disk below its free-space reserve"));
        } catch (InvalidInstanceException e) {
            log.warn(">> C-STORE from {} refused, not a readable instance: {}", received.callingAeTitle(),
                    e.getMessage());
            throw new DimseException(Status.CANNOT_UNDERSTAND, comment(e.getMessage()));
        } catch (IOException e) {
            log.error(">> C-STORE from {} could not be spooled: {}", received.callingAeTitle(), e.toString());
            throw new DimseException(Status.OUT_OF_RESOURCES, comment("spool write failed"));
        }
    }

    /** Error Comment is LO: at most 64 characters. */
    private static String comment(String text) {
        String t = text == null ? "" : text;
        return t.length() > 64 ? t.substring(0, 64) : t;
    }
}
