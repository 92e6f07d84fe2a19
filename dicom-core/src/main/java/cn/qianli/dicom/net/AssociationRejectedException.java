package cn.qianli.dicom.net;

import cn.qianli.dicom.net.pdu.AAssociateRj;
import java.io.IOException;

/** The acceptor answered A-ASSOCIATE-RQ with A-ASSOCIATE-RJ. */
public final class AssociationRejectedException extends IOException {

    private final transient AAssociateRj rejection;

    public AssociationRejectedException(AAssociateRj rejection) {
        super("association rejected: " + rejection);
        this.rejection = rejection;
    }

    /** The A-ASSOCIATE-RJ with its result, source and reason. */
    public AAssociateRj rejection() {
        return rejection;
    }
}
