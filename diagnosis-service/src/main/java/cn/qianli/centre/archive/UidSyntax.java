package cn.qianli.centre.archive;

import java.util.regex.Pattern;

/** DICOM UID syntax (PS3.5 9.1): digits and dots, components without leading zeros, at most 64. */
public final class UidSyntax {

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private UidSyntax() {
    }

    public static boolean isValid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= 64 && UID.matcher(uid).matches();
    }
}
