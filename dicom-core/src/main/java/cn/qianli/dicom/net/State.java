package cn.qianli.dicom.net;

/** The association states of the PS3.8 state machine (Table 9-2) that this implementation passes through. */
enum State {
    STA1("Idle"),
    STA2("Transport connection open (Awaiting A-ASSOCIATE-RQ PDU)"),
    STA3("Awaiting local A-ASSOCIATE response primitive"),
    STA4("Awaiting transport connection opening to complete"),
    STA5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
    STA6("Association established and ready for data transfer"),
    STA7("Awaiting A-RELEASE-RP PDU"),
    STA8("Awaiting local A-RELEASE response primitive"),
    STA13("Awaiting Transport Connection Close Indication");

    private final String label;

    State(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return "Sta" + name().substring(3) + " (" + label + ")";
    }
}
