package cn.qianli.dicom.net;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.net.Association.IncomingCommand;
import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.net.internal.IdentifierCodec;
import java.io.IOException;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C-FIND SCP: decodes the identifier, asks the {@link FindHandler} for matches and sends one
 * Pending response per match, watching for C-CANCEL-RQ between them, then the final status.
 */
final class FindService {

    private static final Logger LOG = LoggerFactory.getLogger(FindService.class);
    /** Largest identifier accepted. */
    static final int MAX_IDENTIFIER_LENGTH = 1024 * 1024;

    private final FindHandler handler;

    FindService(FindHandler handler) {
        this.handler = handler;
    }

    void handle(Association association, IncomingCommand incoming, String callingAe) throws IOException {
        Command request = incoming.command();
        PresentationContext pc = incoming.context();
        int pcid = pc.id();
        if (!request.hasDataSet()) {
            finish(association, pcid, request, new DimseException(Status.CANNOT_UNDERSTAND, "C-FIND-RQ without identifier"));
            return;
        }
        byte[] dataSet = association.readSmallDataSet(pcid, MAX_IDENTIFIER_LENGTH);
        String sopClass = request.getString(Command.AffectedSOPClassUID);
        if (!sopClass.equals(pc.abstractSyntax())) {
            finish(association, pcid, request, new DimseException(Status.SOP_CLASS_NOT_SUPPORTED,
                    "SOP class differs from the presentation context's", Command.AffectedSOPClassUID));
            return;
        }
        QueryKeys keys;
        try {
            keys = QueryKeys.of(IdentifierCodec.decode(dataSet, pc.transferSyntax()));
        } catch (IOException e) {
            finish(association, pcid, request, new DimseException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "identifier cannot be decoded"));
            return;
        }
        int pending = 0;
        DimseException outcome = null;
        boolean canceled = false;
        try (Stream<QueryKeys> matches = handler.find(new FindRequest(callingAe, sopClass, keys, association.remoteAddress()))) {
            Iterator<QueryKeys> it = matches.iterator();
            while (it.hasNext()) {
                QueryKeys match = it.next();
                if (association.cancelRequested(request.messageId())) {
                    canceled = true;
                    break;
                }
                Command response = Command.responseTo(request, Status.PENDING.code(), true);
                association.writeCommand(pcid, response);
                association.writeDataSet(pcid, IdentifierCodec.encode(project(keys, match).asMap(), pc.transferSyntax()));
                pending++;
            }
        } catch (DimseException e) {
            outcome = e;
        } catch (AssociationAbortedException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("{} query handler failed", association.name(), e);
            outcome = new DimseException(Status.UNABLE_TO_PROCESS_FIND, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        if (outcome == null) {
            outcome = canceled ? new DimseException(Status.CANCEL, "") : new DimseException(Status.SUCCESS, "");
        }
        LOG.info("{} C-FIND {}: {} matches, {}", association.name(), keys.get(Tag.QueryRetrieveLevel), pending,
                Status.describe(outcome.status()));
        finish(association, pcid, request, outcome);
    }

    private static void finish(Association association, int pcid, Command request, DimseException outcome)
            throws IOException {
        association.writeCommand(pcid, outcome.applyTo(Command.responseTo(request, outcome.status(), false)));
    }

    /** The requested keys, with the match's values (empty where it has none). */
    static QueryKeys project(QueryKeys requested, QueryKeys match) {
        TreeMap<Integer, String> values = new TreeMap<>(Integer::compareUnsigned);
        for (int tag : requested.tags()) {
            String value = match.get(tag);
            values.put(tag, value != null ? value : tag == Tag.QueryRetrieveLevel ? requested.get(tag) : "");
        }
        if (match.contains(Tag.SpecificCharacterSet)) {
            values.put(Tag.SpecificCharacterSet, match.get(Tag.SpecificCharacterSet));
        }
        return QueryKeys.of(values);
    }
}
