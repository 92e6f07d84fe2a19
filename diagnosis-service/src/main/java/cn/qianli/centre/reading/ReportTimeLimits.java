package cn.qianli.centre.reading;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The due time of a report: arrival plus the most specific configured limit. */
@Component
public class ReportTimeLimits {

    private final ReadingProperties props;

    ReportTimeLimits(ReadingProperties props) {
        this.props = props;
    }

    /** The limit for this priority, modality and body part. */
    public ReadingProperties.TimeLimit limit(Priority priority, String modality, String bodyPart) {
        String m = modality == null ? "" : modality.strip().toUpperCase(Locale.ROOT);
        String b = bodyPart == null ? "" : bodyPart.strip().toUpperCase(Locale.ROOT);
        return props.timeLimits().stream()
                .filter(l -> l.priority().isEmpty() || l.priority().equals(priority.code()))
                .filter(l -> l.modality().isEmpty() || l.modality().equals(m))
                .filter(l -> l.bodyPart().isEmpty() || l.bodyPart().equals(b))
                .max(Comparator.comparingInt(ReportTimeLimits::specificity))
                .orElse(new ReadingProperties.TimeLimit(priority.code(), "", "", Duration.ofHours(24), false));
    }

    public Instant dueAt(Priority priority, String modality, String bodyPart, Instant arrivedAt) {
        ReadingProperties.TimeLimit limit = limit(priority, modality, bodyPart);
        return limit.workingTime() ? plusWorkingTime(arrivedAt, limit.within()) : arrivedAt.plus(limit.within());
    }

    /** {@code from} plus {@code amount} counted only inside working hours. */
    Instant plusWorkingTime(Instant from, Duration amount) {
        ReadingProperties.WorkingHours wh = props.workingHours();
        ZonedDateTime t = from.atZone(wh.zone());
        Duration left = amount;
        for (int guard = 0; guard < 3660; guard++) {
            if (wh.days().contains(t.getDayOfWeek())) {
                ZonedDateTime open = LocalDateTime.of(t.toLocalDate(), wh.start()).atZone(wh.zone());
                ZonedDateTime close = LocalDateTime.of(t.toLocalDate(), wh.end()).atZone(wh.zone());
                if (t.isBefore(open)) {
                    t = open;
                }
                if (t.isBefore(close)) {
                    Duration today = Duration.between(t, close);
                    if (today.compareTo(left) >= 0) {
                        return t.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            t = LocalDateTime.of(t.toLocalDate().plusDays(1), wh.start()).atZone(wh.zone());
        }
        throw new IllegalStateException("no working time within ten years");
    }

    private static int specificity(ReadingProperties.TimeLimit l) {
        return (l.priority().isEmpty() ? 0 : 1) + (l.modality().isEmpty() ? 0 : 2) + (l.bodyPart().isEmpty() ? 0 : 4);
    }
}
