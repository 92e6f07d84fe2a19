package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.pdu.AAbort;
import cn.qianli.dicom.net.pdu.AAssociateAc;
import cn.qianli.dicom.net.pdu.AAssociateRj;
import cn.qianli.dicom.net.pdu.AAssociateRq;
import cn.qianli.dicom.net.pdu.Pdu;
import cn.qianli.dicom.net.pdu.PresentationContextAc;
import cn.qianli.dicom.net.pdu.PresentationContextRq;
import cn.qianli.dicom.net.pdu.UserInformation;
import cn.qianli.dicom.part10.FileMetaInformation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** The requestor side: opens associations ({@link ClientAssociation}) to a peer. */
public final class DicomClient {

    /** At most 128 presentation contexts fit the odd ids 1..255. */
    public static final int MAX_PRESENTATION_CONTEXTS = 128;

    private DicomClient() {
    }

    /**
     * Connects to {@code host:port}, proposes {@code contexts} to {@code calledAeTitle} and
     * returns the established association.
     *
     * @throws AssociationRejectedException when the peer answers A-ASSOCIATE-RJ
     * @throws IOException                  on connect/TLS failure, timeout or protocol error
     */
    public static ClientAssociation connect(ClientConfig config, String host, int port, String calledAeTitle,
            List<ProposedContext> contexts) throws IOException {
        if (contexts.isEmpty() || contexts.size() > MAX_PRESENTATION_CONTEXTS) {
            throw new IllegalArgumentException("propose 1.." + MAX_PRESENTATION_CONTEXTS + " presentation contexts, not "
                    + contexts.size());
        }
        Socket socket = config.tls() == null ? new Socket() : config.tls().context().getSocketFactory().createSocket();
        Association association;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) config.connectTimeout().toMillis());
            if (socket instanceof SSLSocket tlsSocket) {
                SSLParameters parameters = tlsSocket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tlsSocket.setSSLParameters(parameters);
                socket.setSoTimeout((int) config.connectTimeout().toMillis());
                tlsSocket.startHandshake();
            }
            association = new Association(socket, config.maxPduLength(), State.STA4,
                    config.callingAeTitle() + "->" + calledAeTitle + " " + host + ":" + port);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        List<PresentationContextRq> proposed = new ArrayList<>();
        Map<Integer, String> abstractSyntaxes = new HashMap<>();
        for (int i = 0; i < contexts.size(); i++) {
            int id = 2 * i + 1;
            proposed.add(new PresentationContextRq(id, contexts.get(i).abstractSyntax(),
                    contexts.get(i).transferSyntaxes()));
            abstractSyntaxes.put(id, contexts.get(i).abstractSyntax());
        }
        AAssociateRq rq = new AAssociateRq(1, calledAeTitle, config.callingAeTitle(), Uid.DICOM_APPLICATION_CONTEXT,
                proposed, new UserInformation(config.maxPduLength(), Uid.QIANLI_IMPLEMENTATION_CLASS,
                        FileMetaInformation.IMPLEMENTATION_VERSION_NAME));
        try {
            association.send(rq);
            association.enter(State.STA5);
            association.setReadTimeout(config.artimTimeout());
            Pdu answer = association.receive();
            if (answer instanceof AAssociateRj rj) {
                association.close();
                throw new AssociationRejectedException(rj);
            }
            if (!(answer instanceof AAssociateAc ac)) {
                association.abort(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
                throw new AssociationAbortedException("expected A-ASSOCIATE-AC or -RJ, got " + answer);
            }
            List<PresentationContext> accepted = new ArrayList<>();
            for (PresentationContextAc pc : ac.presentationContexts()) {
                String abstractSyntax = abstractSyntaxes.get(pc.id());
                if (pc.accepted() && abstractSyntax != null) {
                    accepted.add(new PresentationContext(pc.id(), abstractSyntax, pc.transferSyntax()));
                }
            }
            association.established(accepted, ac.userInformation().maximumLength());
            association.setReadTimeout(config.responseTimeout());
            return new ClientAssociation(association, config);
        } catch (IOException | RuntimeException e) {
            association.close();
            throw e;
        }
    }
}
