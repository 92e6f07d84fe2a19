package cn.qianli.dicom;

/**
 * Value Representations of PS3.5 section 6.2, with what the encoding rules need to know about
 * each: whether its explicit-VR header has a 32-bit length, whether its text is affected by the
 * Specific Character Set, and how its values are represented.
 */
public enum Vr {
    AE(Kind.TEXT, false), AS(Kind.TEXT, false), AT(Kind.TAG, false), CS(Kind.TEXT, false),
    DA(Kind.TEXT, false), DS(Kind.DECIMAL_STRING, false), DT(Kind.TEXT, false),
    FD(Kind.BINARY_NUMBER, false), FL(Kind.BINARY_NUMBER, false), IS(Kind.INTEGER_STRING, false),
    LO(Kind.TEXT, false), LT(Kind.TEXT, false), OB(Kind.BINARY, true), OD(Kind.BINARY, true),
    OF(Kind.BINARY, true), OL(Kind.BINARY, true), OV(Kind.BINARY, true), OW(Kind.BINARY, true),
    PN(Kind.PERSON_NAME, false), SH(Kind.TEXT, false), SL(Kind.BINARY_NUMBER, false),
    SQ(Kind.SEQUENCE, true), SS(Kind.BINARY_NUMBER, false), ST(Kind.TEXT, false),
    SV(Kind.BINARY_NUMBER, true), TM(Kind.TEXT, false), UC(Kind.TEXT, true), UI(Kind.TEXT, false),
    UL(Kind.BINARY_NUMBER, false), UN(Kind.BINARY, true), UR(Kind.TEXT, true),
    US(Kind.BINARY_NUMBER, false), UT(Kind.TEXT, true), UV(Kind.BINARY_NUMBER, true);

    /** How the values of a VR are represented. */
    public enum Kind {
        /** character strings (AE, AS, CS, DA, DT, LO, LT, SH, ST, TM, UC, UI, UR, UT) */
        TEXT,
        /** PN: character strings with alphabetic, ideographic and phonetic groups */
        PERSON_NAME,
        /** IS: integers written as character strings */
        INTEGER_STRING,
        /** DS: decimals written as character strings */
        DECIMAL_STRING,
        /** binary numbers (FD, FL, SL, SS, SV, UL, US, UV) */
        BINARY_NUMBER,
        /** AT: attribute tags */
        TAG,
        /** byte, word, float ... streams and UN: bulk data */
        BINARY,
        /** SQ: a sequence of items */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean longLength;

    Vr(Kind kind, boolean longLength) {
        this.kind = kind;
        this.longLength = longLength;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the explicit VR header has two reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean hasLongLength() {
        return longLength;
    }

    /** True for the VRs whose values are decoded with the Specific Character Set (PS3.5 6.1.2.3). */
    public boolean usesSpecificCharacterSet() {
        return this == SH || this == LO || this == ST || this == LT || this == UT || this == PN
                || this == UC;
    }

    /** True for the VRs that hold one value that may contain a backslash (PS3.5 6.2). */
    public boolean isSingleValued() {
        return this == LT || this == ST || this == UT || this == UR || kind == Kind.BINARY;
    }

    /** Size in bytes of one binary value (2 for US, 8 for FD ...), 0 for the other kinds. */
    public int bytesPerValue() {
        return switch (this) {
            case US, SS -> 2;
            case UL, SL, FL, AT -> 4;
            case FD, SV, UV -> 8;
            default -> 0;
        };
    }

    /** The VR named by two characters, or null when they name none. */
    public static Vr of(String code) {
        if (code.length() != 2 || code.charAt(0) < 'A' || code.charAt(0) > 'Z') {
            return null;
        }
        try {
            return valueOf(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
