package cn.qianli.centre.reading;

import cn.qianli.centre.problem.Problem;
import java.util.Locale;
import java.util.Optional;

/** How soon a study must be read; the order is the reading order. */
public enum Priority {
    /** emergency (急诊) */
    STAT,
    /** urgent, e.g. outpatient waiting (门诊) */
    URGENT,
    /** routine (常规) */
    ROUTINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more urgent of two. */
    public Priority max(Priority other) {
        return other == null || ordinal() <= other.ordinal() ? this : other;
    }

    public static Priority of(String code) {
        Optional<Priority> p = parse(code);
        if (p.isEmpty()) {
            throw Problem.INVALID_INPUT.exception("priority must be stat, urgent or routine");
        }
        return p.get();
    }

    public static Optional<Priority> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Priority p : values()) {
            if (p.code().equalsIgnoreCase(code.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * From Requested Procedure Priority (0040,1003): STAT, HIGH, ROUTINE, MEDIUM, LOW (PS3.3
     * C.30.2 / Table 10-9); also from Study Priority ID style values.
     */
    public static Priority ofDicom(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "STAT" -> STAT;
            case "HIGH", "URGENT" -> URGENT;
            default -> ROUTINE;
        };
    }
}
