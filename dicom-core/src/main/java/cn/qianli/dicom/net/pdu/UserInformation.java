package cn.qianli.dicom.net.pdu;

/**
 * The user information item's sub-items that we use (PS3.7 D.3.3, PS3.8 D.1). Asynchronous
 * operations window, SCP/SCU role selection, extended negotiation and user identity sub-items
 * are skipped when read and never sent: the defaults (one operation at a time, default roles)
 * then apply.
 *
 * @param maximumLength             the largest P-DATA-TF variable field the sender can receive; 0 = no limit
 * @param implementationClassUid    the sender's Implementation Class UID
 * @param implementationVersionName the sender's Implementation Version Name, may be empty
 */
public record UserInformation(long maximumLength, String implementationClassUid, String implementationVersionName) {

    public UserInformation {
        implementationClassUid = implementationClassUid == null ? "" : implementationClassUid;
        implementationVersionName = implementationVersionName == null ? "" : implementationVersionName;
    }
}
