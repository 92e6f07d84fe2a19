package cn.qianli.dicom.net.pdu;

/** A-RELEASE-RQ (PS3.8 9.3.6). */
public record AReleaseRq() implements Pdu {

    @Override
    public String toString() {
        return "A-RELEASE-RQ";
    }
}
