package cn.qianli.centre.dicomweb.qido;

import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** PS3.4 C.2.2.2 matching turned into SQL over index columns; values only ever travel as parameters. */
final class Matching {

    private static final Pattern DA = Pattern.compile("[0-9]{8}");
    private static final int MAX_VALUE = 256;
    private static final int MAX_UIDS = 1000;

    private final List<String> where = new ArrayList<>();
    private final MapSqlParameterSource params;
    private int n;

    Matching(MapSqlParameterSource params) {
        this.params = params;
    }

    List<String> where() {
        return where;
    }

    private String param(Object value) {
        String name = "m" + (n++);
        params.addValue(name, value);
        return ":" + name;
    }

    /** Single value matching, or wildcard matching when the value holds '*' or '?'. */
    void text(String column, String keyword, String value) {
        check(keyword, value);
        where.add(column + (wildcard(value) ? " LIKE " + param(like(value)) + " ESCAPE '\\'" : " = " + param(value)));
    }

    /** PN: the whole value or any one component group (alphabetic, ideographic, phonetic). */
    void personName(String table, String keyword, String value) {
        check(keyword, value);
        String op = wildcard(value) ? " LIKE " : " = ";
        String p = param(wildcard(value) ? like(value) : value);
        String esc = wildcard(value) ? " ESCAPE '\\'" : "";
        where.add("(" + table + ".patient_name" + op + p + esc + " OR " + table + ".patient_name_alphabetic" + op + p + esc
                + " OR " + table + ".patient_name_ideographic" + op + p + esc + " OR " + table
                + ".patient_name_phonetic" + op + p + esc + ")");
    }

    /** List of UID matching: values separated by '\' or ','. */
    void uids(String column, String keyword, String value) {
        // every value counts, empty ones too: "\\" or "," alone is no list of UIDs
        String[] uids = value.split("[\\\\,]", -1);
        if (uids.length > MAX_UIDS) {
            throw Problem.INVALID_QUERY_PARAMETER.exception(keyword + " lists more than " + MAX_UIDS + " UIDs");
        }
        for (String uid : uids) {
            if (!UidSyntax.isValid(uid)) {
                throw Problem.INVALID_QUERY_PARAMETER.exception(keyword + " holds a value that is not a DICOM UID");
            }
        }
        where.add(column + " = ANY(" + param(uids) + ")");
    }

    /** DA single value or range (PS3.4 C.2.2.2.5): D, D1-D2, D1-, -D2. */
    void dateRange(String column, String keyword, String value) {
        int dash = value.indexOf('-');
        String from = dash < 0 ? value : value.substring(0, dash);
        String to = dash < 0 ? value : value.substring(dash + 1);
        if ((from.isEmpty() && to.isEmpty()) || (!from.isEmpty() && !DA.matcher(from).matches())
                || (!to.isEmpty() && !DA.matcher(to).matches()) || value.indexOf('-', dash + 1) >= 0) {
            throw Problem.INVALID_QUERY_PARAMETER.exception(keyword + " must be YYYYMMDD or a range YYYYMMDD-YYYYMMDD");
        }
        where.add(column + " <> ''");
        if (!from.isEmpty()) {
            where.add(column + " >= " + param(from));
        }
        if (!to.isEmpty()) {
            where.add(column + " <= " + param(to));
        }
    }

    /** ModalitiesInStudy: the study has a series of any of the given modalities. */
    void anyOf(String arrayColumn, String keyword, String value) {
        String[] values = value.split("[\\\\,]");
        for (String v : values) {
            check(keyword, v);
            if (wildcard(v)) {
                throw Problem.INVALID_QUERY_PARAMETER.exception(keyword + " takes modality codes, not wildcards");
            }
        }
        where.add(arrayColumn + " && " + param(values) + "::text[]");
    }

    private static boolean wildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    /** '*' and '?' to SQL LIKE, with LIKE's own characters escaped. */
    static String like(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> out.append('%');
                case '?' -> out.append('_');
                case '%', '_', '\\' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void check(String keyword, String value) {
        if (value.length() > MAX_VALUE || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw Problem.INVALID_QUERY_PARAMETER.exception(keyword + " is too long or holds control characters");
        }
    }
}
