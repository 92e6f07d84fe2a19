package cn.qianli.dicom.net.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-RQ (PS3.8 9.3.2).
 *
 * @param protocolVersion      bit 0 set for version 1
 * @param calledAeTitle        trimmed
 * @param callingAeTitle       trimmed
 * @param applicationContext   the application context name
 * @param presentationContexts proposed contexts, in the order proposed
 * @param userInformation      the user information item
 */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextRq> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AAssociateRq {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public String toString() {
        return "A-ASSOCIATE-RQ[" + callingAeTitle + " -> " + calledAeTitle + ", "
                + presentationContexts.size() + " presentation contexts, max length "
                + userInformation.maximumLength() + "]";
    }
}
