package cn.qianli.dicom.net.pdu;

/**
 * What {@link PduInput#next()} returns: a whole PDU, or for P-DATA-TF one {@link Pdv} at a time
 * (its value is then read from the input as a stream).
 */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, AReleaseRq, AReleaseRp, AAbort, Pdv {

    /** PDU types, PS3.8 Table 9-11 and following. */
    int A_ASSOCIATE_RQ = 0x01;
    int A_ASSOCIATE_AC = 0x02;
    int A_ASSOCIATE_RJ = 0x03;
    int P_DATA_TF = 0x04;
    int A_RELEASE_RQ = 0x05;
    int A_RELEASE_RP = 0x06;
    int A_ABORT = 0x07;

    /** The standard's name of a PDU type, for logs. */
    static String nameOf(int type) {
        return switch (type) {
            case A_ASSOCIATE_RQ -> "A-ASSOCIATE-RQ";
            case A_ASSOCIATE_AC -> "A-ASSOCIATE-AC";
            case A_ASSOCIATE_RJ -> "A-ASSOCIATE-RJ";
            case P_DATA_TF -> "P-DATA-TF";
            case A_RELEASE_RQ -> "A-RELEASE-RQ";
            case A_RELEASE_RP -> "A-RELEASE-RP";
            case A_ABORT -> "A-ABORT";
            default -> String.format("unknown PDU type %02XH", type);
        };
    }
}
