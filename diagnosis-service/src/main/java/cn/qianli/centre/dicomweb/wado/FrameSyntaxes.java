package cn.qianli.centre.dicomweb.wado;

import cn.qianli.dicom.Uid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The transfer syntaxes a WADO-RS frames request accepts, most wanted first (PS3.18 8.7.3):
 * {@code multipart/related; type="application/octet-stream"} (or bare
 * {@code application/octet-stream}) with a {@code transfer-syntax} parameter; without one, the
 * default is Explicit VR Little Endian; {@code *} is whatever the archive has. No Accept header,
 * {@code *}{@code /*} and {@code multipart/*} leave the choice to the archive. Media ranges are
 * ordered by their {@code q} value, those with {@code q=0} dropped.
 */
final class FrameSyntaxes {

    /** Whatever syntax the frames are stored in. */
    static final String ANY = "*";

    private FrameSyntaxes() {
    }

    static List<String> accepted(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return List.of(ANY);
        }
        record Range(String transferSyntax, double q) {
        }
        List<Range> ranges = new ArrayList<>();
        for (String range : acceptHeader.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            String type = null;
            String transferSyntax = null;
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(parts[i].substring(eq + 1).trim());
                switch (name) {
                    case "type" -> type = value.toLowerCase(Locale.ROOT);
                    case "transfer-syntax" -> transferSyntax = value;
                    case "q" -> q = quality(value);
                    default -> { }
                }
            }
            boolean wildcard = media.equals("*/*") || media.equals("multipart/*");
            boolean octets = media.equals("application/octet-stream")
                    || (media.equals("multipart/related") && (type == null || type.equals("application/octet-stream")));
            if (q > 0 && (wildcard || octets)) {
                String ts = transferSyntax != null ? transferSyntax : wildcard ? ANY : Uid.EXPLICIT_VR_LITTLE_ENDIAN;
                ranges.add(new Range(ts, q));
            }
        }
        return ranges.stream().sorted(Comparator.comparingDouble(Range::q).reversed()).map(Range::transferSyntax)
                .distinct().toList();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
