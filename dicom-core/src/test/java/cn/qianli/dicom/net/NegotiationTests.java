package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.pdu.AAssociateRq;
import cn.qianli.dicom.net.pdu.PresentationContextAc;
import cn.qianli.dicom.net.pdu.PresentationContextRq;
import cn.qianli.dicom.net.pdu.UserInformation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each proposed context is answered on its own: its abstract syntax, its transfer syntaxes. */
class NegotiationTests {

    private static AAssociateRq propose(PresentationContextRq... contexts) {
        return new AAssociateRq(1, "US", "THEM", Uid.DICOM_APPLICATION_CONTEXT, List.of(contexts),
                new UserInformation(16384, "1.2", ""));
    }

    @Test
    void acceptsEachContextInTheRequestorsPreferredSyntaxWeSupport() {
        Negotiation negotiation = new Negotiation(ServerConfig.defaults("US", Path.of("spool")), true, false);
        List<PresentationContextAc> answers = negotiation.answer(propose(
                new PresentationContextRq(1, Uid.CT_IMAGE_STORAGE, List.of(Uid.JPEG_2000_LOSSLESS)),
                new PresentationContextRq(3, Uid.CT_IMAGE_STORAGE, List.of(Uid.HTJ2K_LOSSLESS,
                        Uid.EXPLICIT_VR_LITTLE_ENDIAN, Uid.IMPLICIT_VR_LITTLE_ENDIAN)),
                new PresentationContextRq(5, Uid.CT_IMAGE_STORAGE, List.of(Uid.HTJ2K_LOSSLESS)),
                new PresentationContextRq(7, Uid.STUDY_ROOT_QR_FIND, List.of(Uid.IMPLICIT_VR_LITTLE_ENDIAN)),
                new PresentationContextRq(9, Uid.VERIFICATION, List.of(Uid.JPEG_BASELINE_8BIT,
                        Uid.IMPLICIT_VR_LITTLE_ENDIAN))));
        assertThat(answers).containsExactly(
                new PresentationContextAc(1, PresentationContextAc.ACCEPTANCE, Uid.JPEG_2000_LOSSLESS),
                new PresentationContextAc(3, PresentationContextAc.ACCEPTANCE, Uid.EXPLICIT_VR_LITTLE_ENDIAN),
                new PresentationContextAc(5, PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                        Uid.HTJ2K_LOSSLESS),
                new PresentationContextAc(7, PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        Uid.IMPLICIT_VR_LITTLE_ENDIAN),
                new PresentationContextAc(9, PresentationContextAc.ACCEPTANCE, Uid.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void limitsStorageToConfiguredClassesAndSyntaxes() {
        ServerConfig config = ServerConfig.defaults("US", Path.of("spool"))
                .withStorage(Set.of(Uid.CT_IMAGE_STORAGE), List.of(Uid.EXPLICIT_VR_LITTLE_ENDIAN));
        Negotiation negotiation = new Negotiation(config, true, true);
        assertThat(negotiation.transferSyntaxesFor(Uid.CT_IMAGE_STORAGE)).containsExactly(Uid.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(negotiation.transferSyntaxesFor(Uid.MR_IMAGE_STORAGE)).isEmpty();
        assertThat(negotiation.transferSyntaxesFor(Uid.STUDY_ROOT_QR_FIND)).isNotEmpty();
        assertThat(new Negotiation(ServerConfig.defaults("US", Path.of("spool")), false, false)
                .transferSyntaxesFor(Uid.CT_IMAGE_STORAGE)).as("no store handler, no storage").isEmpty();
    }
}
