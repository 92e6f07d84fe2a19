package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.internal.StorageSopClasses;
import cn.qianli.dicom.net.pdu.AAssociateRq;
import cn.qianli.dicom.net.pdu.PresentationContextAc;
import cn.qianli.dicom.net.pdu.PresentationContextRq;
import java.util.ArrayList;
import java.util.List;

/**
 * The acceptor's answer to each proposed presentation context. Each context is judged on its own:
 * its abstract syntax must be a service we run, and its transfer syntax is the first one the
 * requestor proposed that we accept for that service (the requestor's preference wins).
 */
final class Negotiation {

    /** Syntaxes for Verification and C-FIND (the identifier is decoded in memory). */
    static final List<String> UNCOMPRESSED_LITTLE_ENDIAN = List.of(Uid.EXPLICIT_VR_LITTLE_ENDIAN,
            Uid.IMPLICIT_VR_LITTLE_ENDIAN);

    private final ServerConfig config;
    private final boolean storage;
    private final boolean find;

    Negotiation(ServerConfig config, boolean storage, boolean find) {
        this.config = config;
        this.storage = storage;
        this.find = find;
    }

    /** The accepted transfer syntaxes for {@code abstractSyntax}, empty when we do not serve it. */
    List<String> transferSyntaxesFor(String abstractSyntax) {
        if (abstractSyntax.equals(Uid.VERIFICATION)) {
            return UNCOMPRESSED_LITTLE_ENDIAN;
        }
        if (find && abstractSyntax.equals(Uid.STUDY_ROOT_QR_FIND)) {
            return UNCOMPRESSED_LITTLE_ENDIAN;
        }
        if (storage && (config.storageSopClasses().isEmpty()
                ? StorageSopClasses.isStorage(abstractSyntax)
                : config.storageSopClasses().contains(abstractSyntax))) {
            return config.transferSyntaxes();
        }
        return List.of();
    }

    /** One answer per proposed context, in the order proposed. */
    List<PresentationContextAc> answer(AAssociateRq rq) {
        List<PresentationContextAc> answers = new ArrayList<>();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            List<String> ours = transferSyntaxesFor(pc.abstractSyntax());
            if (ours.isEmpty()) {
                answers.add(new PresentationContextAc(pc.id(), PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        pc.transferSyntaxes().get(0)));
                continue;
            }
            String chosen = pc.transferSyntaxes().stream().filter(ours::contains).findFirst().orElse(null);
            answers.add(chosen == null
                    ? new PresentationContextAc(pc.id(), PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                            pc.transferSyntaxes().get(0))
                    : new PresentationContextAc(pc.id(), PresentationContextAc.ACCEPTANCE, chosen));
        }
        return answers;
    }
}
