package cn.qianli.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The character repertoires named by a Specific Character Set (0008,0005) value, and the decoding
 * of text bytes written with them (PS3.5 section 6.1, PS3.3 C.12.1.1.2).
 *
 * <p>Without code extensions (one defined term, not "ISO 2022 ..."), the bytes are decoded with
 * that term's character set. With code extensions, escape sequences switch the G0 (bytes below
 * 0x80) and G1 (bytes from 0x80) sets as PS3.5 6.1.2.5 describes, and the state returns to the
 * first value's sets at each value, component and line delimiter.
 *
 * <p>Two departures from the letter of the standard, both for modalities seen in the field:
 * the label "GBK" (not a defined term) is read as GB18030, of which GBK is a subset; and text
 * with bytes from 0x80 in a data set that names no character set (the default repertoire allows
 * only ASCII) is read as UTF-8 when it is valid UTF-8, else as GB18030.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6, ASCII), used when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    /** ISO_IR 192: UTF-8, what Qianli writes. */
    public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(List.of("ISO_IR 192"));

    private static final Charset GB18030 = Charset.forName("GB18030");

    private final List<String> terms;
    private final Charset single;
    private final boolean codeExtensions;
    private final CodeElement initialG0;
    private final CodeElement initialG1;

    private SpecificCharacterSet(List<String> terms) {
        this.terms = List.copyOf(terms);
        String first = terms.isEmpty() ? "" : terms.get(0);
        // UTF-8 and GB18030 allow no code extensions: further values are ignored
        boolean unicode = first.equals("ISO_IR 192") || first.equals("GB18030") || first.equals("GBK");
        this.codeExtensions = !unicode && (terms.size() > 1 || first.startsWith("ISO 2022"));
        if (codeExtensions) {
            CodeElement g0 = CodeElement.ASCII;
            CodeElement g1 = null;
            CodeElement named = CodeElement.forTerm(first.replace("ISO_IR ", "ISO 2022 IR "));
            if (named != null) {
                if (named.isG1()) {
                    g1 = named;
                    if (named == CodeElement.JIS_X0201_KATAKANA) {
                        g0 = CodeElement.JIS_X0201_ROMAN;
                    }
                } else {
                    g0 = named;
                }
            }
            this.initialG0 = g0;
            this.initialG1 = g1;
            this.single = null;
        } else {
            this.initialG0 = CodeElement.ASCII;
            this.initialG1 = null;
            this.single = singleByteOrUnicode(first);
        }
    }

    /**
     * The character set named by the values of (0008,0005); null, empty or blank values mean the
     * default repertoire. Terms are compared without surrounding spaces and case.
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms == null || definedTerms.length == 0) {
            return DEFAULT;
        }
        List<String> terms = new ArrayList<>();
        for (String term : definedTerms) {
            terms.add(term == null ? "" : term.strip().toUpperCase(Locale.ROOT));
        }
        while (!terms.isEmpty() && terms.get(terms.size() - 1).isEmpty()) {
            terms.remove(terms.size() - 1);
        }
        if (terms.isEmpty()) {
            return DEFAULT;
        }
        if (terms.size() == 1 && terms.get(0).equals("ISO_IR 192")) {
            return UTF_8;
        }
        return new SpecificCharacterSet(terms);
    }

    /** The defined terms as given (upper case, without padding). */
    public List<String> definedTerms() {
        return terms;
    }

    /** True when this is the default repertoire: no (0008,0005) or an empty one. */
    public boolean isDefault() {
        return terms.isEmpty();
    }

    /**
     * Decodes text bytes. {@code personName} makes '^' and '=' reset the ISO 2022 state, as they
     * delimit components and groups of a PN value.
     */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        if (!codeExtensions) {
            if (single == null) {
                return decodeDefault(bytes, offset, length);
            }
            return new String(bytes, offset, length, single);
        }
        return decodeWithCodeExtensions(bytes, offset, length, personName);
    }

    public String decode(byte[] bytes, boolean personName) {
        return decode(bytes, 0, bytes.length, personName);
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "(default repertoire)" : String.join("\\", terms);
    }

    private static Charset singleByteOrUnicode(String term) {
        return switch (term) {
            case "", "ISO_IR 6" -> null;
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            case "GB18030", "GBK" -> GB18030;
            case "ISO_IR 13" -> Charset.forName("JIS_X0201");
            case "ISO_IR 166" -> Charset.forName("x-iso-8859-11");
            default -> {
                CodeElement named = CodeElement.forTerm(term.replace("ISO_IR ", "ISO 2022 IR "));
                yield named != null && named.charset != null && named.singleByte ? named.charset : null;
            }
        };
    }

    private static String decodeDefault(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.US_ASCII);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, offset, length, GB18030);
        }
    }

    private String decodeWithCodeExtensions(byte[] b, int offset, int length, boolean personName) {
        StringBuilder out = new StringBuilder(length);
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == 0x1B) {
                int[] consumed = new int[1];
                CodeElement designated = CodeElement.forEscape(b, i + 1, end, consumed);
                if (designated != null) {
                    if (designated.isG1()) {
                        g1 = designated;
                    } else {
                        g0 = designated;
                    }
                    i += 1 + consumed[0];
                    continue;
                }
                out.append('\u001B');
                i++;
                continue;
            }
            boolean high = c >= 0x80;
            CodeElement set = high ? g1 : g0;
            if (set == null) {
                set = high ? CodeElement.LATIN_1 : CodeElement.ASCII;
            }
            int runEnd = i;
            while (runEnd < end) {
                int d = b[runEnd] & 0xFF;
                if (d == 0x1B || (d >= 0x80) != high) {
                    break;
                }
                if (set.singleByte && isDelimiter(d, personName)) {
                    break;
                }
                runEnd++;
            }
            if (runEnd == i) {
                out.append((char) c);
                i++;
                if (isDelimiter(c, personName)) {
                    g0 = initialG0;
                    g1 = initialG1;
                }
                continue;
            }
            out.append(set.decode(b, i, runEnd - i));
            i = runEnd;
        }
        return out.toString();
    }

    private static boolean isDelimiter(int c, boolean personName) {
        return c == '\\' || c == '\r' || c == '\n' || c == '\t' || c == '\f'
                || (personName && (c == '^' || c == '='));
    }
}
