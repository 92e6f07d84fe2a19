package cn.qianli.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The code elements that ISO 2022 escape sequences designate in DICOM (PS3.3 Table C.12-3 and
 * C.12-4): their defined term, escape sequence, whether they go into G0 or G1, and how their
 * bytes become Unicode.
 */
enum CodeElement {
    ASCII("ISO 2022 IR 6", "(B", StandardCharsets.US_ASCII, true, false),
    JIS_X0201_ROMAN(null, "(J", StandardCharsets.US_ASCII, true, false),
    JIS_X0201_KATAKANA("ISO 2022 IR 13", ")I", Charset.forName("JIS_X0201"), true, true),
    JIS_X0208("ISO 2022 IR 87", "$B", Charset.forName("EUC-JP"), false, false),
    JIS_X0212("ISO 2022 IR 159", "$(D", Charset.forName("EUC-JP"), false, false),
    KS_X1001("ISO 2022 IR 149", "$)C", Charset.forName("EUC-KR"), false, true),
    GB2312("ISO 2022 IR 58", "$)A", Charset.forName("GB2312"), false, true),
    LATIN_1("ISO 2022 IR 100", "-A", StandardCharsets.ISO_8859_1, true, true),
    LATIN_2("ISO 2022 IR 101", "-B", Charset.forName("ISO-8859-2"), true, true),
    LATIN_3("ISO 2022 IR 109", "-C", Charset.forName("ISO-8859-3"), true, true),
    LATIN_4("ISO 2022 IR 110", "-D", Charset.forName("ISO-8859-4"), true, true),
    CYRILLIC("ISO 2022 IR 144", "-L", Charset.forName("ISO-8859-5"), true, true),
    ARABIC("ISO 2022 IR 127", "-G", Charset.forName("ISO-8859-6"), true, true),
    GREEK("ISO 2022 IR 126", "-F", Charset.forName("ISO-8859-7"), true, true),
    HEBREW("ISO 2022 IR 138", "-H", Charset.forName("ISO-8859-8"), true, true),
    LATIN_5("ISO 2022 IR 148", "-M", Charset.forName("ISO-8859-9"), true, true),
    LATIN_9("ISO 2022 IR 203", "-b", Charset.forName("ISO-8859-15"), true, true),
    THAI("ISO 2022 IR 166", "-T", Charset.forName("x-iso-8859-11"), true, true);

    final String term;
    final String escape;
    final Charset charset;
    final boolean singleByte;
    private final boolean g1;

    CodeElement(String term, String escape, Charset charset, boolean singleByte, boolean g1) {
        this.term = term;
        this.escape = escape;
        this.charset = charset;
        this.singleByte = singleByte;
        this.g1 = g1;
    }

    boolean isG1() {
        return g1;
    }

    static CodeElement forTerm(String term) {
        for (CodeElement e : values()) {
            if (term.equals(e.term)) {
                return e;
            }
        }
        return null;
    }

    /** The element designated by the escape sequence after ESC at {@code from}, or null. */
    static CodeElement forEscape(byte[] b, int from, int end, int[] consumed) {
        for (CodeElement e : values()) {
            String esc = e.escape;
            if (from + esc.length() > end) {
                continue;
            }
            boolean match = true;
            for (int k = 0; k < esc.length() && match; k++) {
                match = b[from + k] == esc.charAt(k);
            }
            if (match) {
                consumed[0] = esc.length();
                return e;
            }
        }
        return null;
    }

    /** Decodes a run of bytes that all belong to this element. */
    String decode(byte[] b, int offset, int length) {
        return switch (this) {
            case JIS_X0208 -> {
                byte[] euc = new byte[length];
                for (int k = 0; k < length; k++) {
                    euc[k] = (byte) (b[offset + k] | 0x80);
                }
                yield new String(euc, charset);
            }
            case JIS_X0212 -> {
                byte[] euc = new byte[length / 2 * 3];
                for (int k = 0; k + 1 < length; k += 2) {
                    euc[k / 2 * 3] = (byte) 0x8F;
                    euc[k / 2 * 3 + 1] = (byte) (b[offset + k] | 0x80);
                    euc[k / 2 * 3 + 2] = (byte) (b[offset + k + 1] | 0x80);
                }
                yield new String(euc, charset);
            }
            default -> new String(b, offset, length, charset);
        };
    }
}
