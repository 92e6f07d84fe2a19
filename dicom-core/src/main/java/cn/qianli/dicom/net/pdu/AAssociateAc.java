package cn.qianli.dicom.net.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-AC (PS3.8 9.3.3).
 *
 * @param protocolVersion      bit 0 set for version 1
 * @param calledAeTitle        as received in the request
 * @param callingAeTitle       as received in the request
 * @param applicationContext   the application context name
 * @param presentationContexts one answer per proposed context
 * @param userInformation      the user information item
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextAc> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AAssociateAc {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public String toString() {
        long accepted = presentationContexts.stream().filter(PresentationContextAc::accepted).count();
        return "A-ASSOCIATE-AC[" + callingAeTitle + " -> " + calledAeTitle + ", " + accepted + " of "
                + presentationContexts.size() + " presentation contexts accepted, max length "
                + userInformation.maximumLength() + "]";
    }
}
