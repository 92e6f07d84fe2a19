package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.Association.IncomingCommand;
import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.net.pdu.AAbort;
import cn.qianli.dicom.net.pdu.AAssociateAc;
import cn.qianli.dicom.net.pdu.AAssociateRj;
import cn.qianli.dicom.net.pdu.AAssociateRq;
import cn.qianli.dicom.net.pdu.Pdu;
import cn.qianli.dicom.net.pdu.PresentationContextAc;
import cn.qianli.dicom.net.pdu.UserInformation;
import cn.qianli.dicom.part10.FileMetaInformation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor's side of one association: Sta2 (ARTIM) until A-ASSOCIATE-RQ, the checks and the
 * negotiation (Sta3), then DIMSE requests in Sta6 until release or abort.
 */
final class ScpAssociation {

    private static final Logger LOG = LoggerFactory.getLogger(ScpAssociation.class);

    private final Association association;
    private final ServerConfig config;
    private final Semaphore permits;
    private final StoreService store;
    private final FindService find;
    private final Negotiation negotiation;

    /** {@code store} and {@code find} are the server's services, shared by its associations; null = not served. */
    ScpAssociation(Association association, ServerConfig config, Semaphore permits, StoreService store,
            FindService find) {
        this.association = association;
        this.config = config;
        this.permits = permits;
        this.store = store;
        this.find = find;
        this.negotiation = new Negotiation(config, store != null, find != null);
    }

    void run() throws IOException {
        try {
            association.setReadTimeout(config.artimTimeout());
            Pdu first = association.receive();
            if (!(first instanceof AAssociateRq rq)) {
                association.abort(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
                LOG.warn("{} expected A-ASSOCIATE-RQ, got {}", association.name(), first);
                return;
            }
            association.enter(State.STA3);
            association.rename(rq.callingAeTitle() + "->" + config.aeTitle() + " " + association.name());
            AAssociateRj rejection = check(rq);
            if (rejection == null && !permits.tryAcquire()) {
                rejection = AAssociateRj.localLimitExceeded();
            }
            if (rejection != null) {
                association.send(rejection);
                association.awaitClose(config.artimTimeout());
                return;
            }
            try {
                accept(rq);
                serve(rq);
            } finally {
                permits.release();
            }
        } catch (AssociationAbortedException e) {
            LOG.info("{} ended: {}", association.name(), e.getMessage());
        }
    }

    private AAssociateRj check(AAssociateRq rq) {
        if ((rq.protocolVersion() & 1) == 0) {
            return AAssociateRj.protocolVersionNotSupported();
        }
        if (!rq.applicationContext().equals(Uid.DICOM_APPLICATION_CONTEXT)) {
            return AAssociateRj.applicationContextNameNotSupported();
        }
        if (config.checkCalledAeTitle() && !rq.calledAeTitle().equals(config.aeTitle())) {
            return AAssociateRj.calledAeTitleNotRecognized();
        }
        if (rq.callingAeTitle().isEmpty() || (!config.allowedCallingAeTitles().isEmpty()
                && !config.allowedCallingAeTitles().contains(rq.callingAeTitle()))) {
            return AAssociateRj.callingAeTitleNotRecognized();
        }
        return null;
    }

    private void accept(AAssociateRq rq) throws IOException {
        List<PresentationContextAc> answers = negotiation.answer(rq);
        List<PresentationContext> accepted = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            PresentationContextAc answer = answers.get(i);
            if (answer.accepted()) {
                accepted.add(new PresentationContext(answer.id(), rq.presentationContexts().get(i).abstractSyntax(),
                        answer.transferSyntax()));
            }
        }
        AAssociateAc ac = new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), Uid.DICOM_APPLICATION_CONTEXT,
                answers, new UserInformation(config.maxPduLength(), Uid.QIANLI_IMPLEMENTATION_CLASS,
                        FileMetaInformation.IMPLEMENTATION_VERSION_NAME));
        association.send(ac);
        association.established(accepted, rq.userInformation().maximumLength());
        association.setReadTimeout(config.idleTimeout());
    }

    private void serve(AAssociateRq rq) throws IOException {
        while (true) {
            IncomingCommand incoming = association.readCommand();
            if (incoming == null) {
                association.answerRelease(config.artimTimeout());
                LOG.info("{} released", association.name());
                return;
            }
            Command request = incoming.command();
            switch (request.commandField()) {
                case Command.C_ECHO_RQ -> association.writeCommand(incoming.context().id(),
                        Command.responseTo(request, Status.SUCCESS.code(), false));
                case Command.C_STORE_RQ -> {
                    if (store == null) {
                        refuse(incoming, Status.SOP_CLASS_NOT_SUPPORTED, "no storage service here");
                    } else {
                        store.handle(association, incoming, rq.callingAeTitle(), rq.calledAeTitle());
                    }
                }
                case Command.C_FIND_RQ -> {
                    if (find == null) {
                        refuse(incoming, Status.SOP_CLASS_NOT_SUPPORTED, "no query service here");
                    } else {
                        find.handle(association, incoming, rq.callingAeTitle());
                    }
                }
                case Command.C_CANCEL_RQ -> LOG.debug("{} C-CANCEL-RQ with nothing to cancel", association.name());
                default -> refuse(incoming, Status.UNRECOGNIZED_OPERATION, "operation not served here");
            }
        }
    }

    private void refuse(IncomingCommand incoming, Status status, String comment) throws IOException {
        if (incoming.command().hasDataSet()) {
            association.readDataSet(incoming.context().id(), null);
        }
        Command response = Command.responseTo(incoming.command(), status.code(), false);
        response.setString(Command.ErrorComment, comment);
        association.writeCommand(incoming.context().id(), response);
    }
}
