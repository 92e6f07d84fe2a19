package cn.qianli.centre.reading;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reading workflow's settings ({@code qianli.reading.*}, e.g. QIANLI_READING_CLAIM_TIMEOUT).
 *
 * @param claimTimeout              how long a claim holds without activity (saving a draft renews it)
 * @param criticalAcknowledgeWithin how long the clinic has to acknowledge a critical result before
 *                                  it is shown escalated to the radiologist
 * @param maxTextLength             the longest findings, impression, addendum or clinical text accepted
 * @param workingHours              the centre's working time, for limits counted in working hours
 * @param timeLimits                report time limits; empty means {@link #DEFAULT_LIMITS}
 * @param intakeScanInterval        how often studies without a reading request are looked for
 *                                  (zero: never; then only {@link StudyArrived} / {@link StudyCompleted})
 * @param quietPeriod               a study with no new instance for this long counts as complete
 */
@ConfigurationProperties("qianli.reading")
public record ReadingProperties(Duration claimTimeout, Duration criticalAcknowledgeWithin, int maxTextLength,
        WorkingHours workingHours, List<TimeLimit> timeLimits, Duration intakeScanInterval, Duration quietPeriod) {

    /**
     * Defaults from Chinese hospital practice: emergency head CT 30 min, emergency CT/MR 1 h,
     * emergency X-ray 30 min; outpatient (urgent) CT/MR 4 working hours; routine 24 h.
     */
    public static final List<TimeLimit> DEFAULT_LIMITS = List.of(
            new TimeLimit("stat", "CT", "HEAD", Duration.ofMinutes(30), false),
            new TimeLimit("stat", "CT", "BRAIN", Duration.ofMinutes(30), false),
            new TimeLimit("stat", "CT", "", Duration.ofHours(1), false),
            new TimeLimit("stat", "MR", "", Duration.ofHours(1), false),
            new TimeLimit("stat", "CR", "", Duration.ofMinutes(30), false),
            new TimeLimit("stat", "DX", "", Duration.ofMinutes(30), false),
            new TimeLimit("stat", "DR", "", Duration.ofMinutes(30), false),
            new TimeLimit("stat", "", "", Duration.ofHours(1), false),
            new TimeLimit("urgent", "", "", Duration.ofHours(4), true),
            new TimeLimit("routine", "", "", Duration.ofHours(24), false));

    public ReadingProperties {
        claimTimeout = claimTimeout == null ? Duration.ofMinutes(30) : claimTimeout;
        criticalAcknowledgeWithin = criticalAcknowledgeWithin == null ? Duration.ofMinutes(30) : criticalAcknowledgeWithin;
        maxTextLength = maxTextLength <= 0 ? 20_000 : maxTextLength;
        workingHours = workingHours == null ? new WorkingHours(null, null, null, null) : workingHours;
        timeLimits = timeLimits == null || timeLimits.isEmpty() ? DEFAULT_LIMITS : List.copyOf(timeLimits);
        intakeScanInterval = intakeScanInterval == null ? Duration.ofSeconds(15) : intakeScanInterval;
        quietPeriod = quietPeriod == null ? Duration.ofMinutes(2) : quietPeriod;
    }

    /**
     * One report time limit. Empty modality or body part match any; the most specific match wins.
     *
     * @param within      the time allowed from arrival to the signed report
     * @param workingTime whether {@code within} counts only working hours
     */
    public record TimeLimit(String priority, String modality, String bodyPart, Duration within, boolean workingTime) {
        public TimeLimit {
            priority = priority == null ? "" : priority.strip().toLowerCase(java.util.Locale.ROOT);
            modality = modality == null ? "" : modality.strip().toUpperCase(java.util.Locale.ROOT);
            bodyPart = bodyPart == null ? "" : bodyPart.strip().toUpperCase(java.util.Locale.ROOT);
            within = within == null ? Duration.ofHours(24) : within;
        }
    }

    /** Working time: days of the week and hours of the day in the centre's zone. */
    public record WorkingHours(ZoneId zone, LocalTime start, LocalTime end, List<DayOfWeek> days) {
        public WorkingHours {
            zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
            start = start == null ? LocalTime.of(8, 0) : start;
            end = end == null ? LocalTime.of(17, 30) : end;
            days = days == null || days.isEmpty()
                    ? List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                            DayOfWeek.FRIDAY)
                    : List.copyOf(days);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("working hours must end after they start");
            }
        }
    }
}
