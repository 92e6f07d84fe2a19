package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Due times from configured limits, without the application. */
class ReportTimeLimitsTests {

    static final Instant MONDAY_10_00 = ReadingTest.MONDAY_10_00;

    static ReportTimeLimits limits(List<ReadingProperties.TimeLimit> configured, ReadingProperties.WorkingHours hours) {
        return new ReportTimeLimits(new ReadingProperties(null, null, 0, hours, configured, null, null));
    }

    @Test
    void theMostSpecificConfiguredLimitWins() {
        ReportTimeLimits l = limits(List.of(
                new ReadingProperties.TimeLimit("stat", "", "", Duration.ofHours(2), false),
                new ReadingProperties.TimeLimit("stat", "CT", "", Duration.ofMinutes(45), false),
                new ReadingProperties.TimeLimit("stat", "CT", "HEAD", Duration.ofMinutes(15), false),
                new ReadingProperties.TimeLimit("routine", "", "", Duration.ofHours(48), false)), null);
        assertThat(l.dueAt(Priority.STAT, "CT", "head", MONDAY_10_00)).isEqualTo(MONDAY_10_00.plus(Duration.ofMinutes(15)));
        assertThat(l.dueAt(Priority.STAT, "ct", "CHEST", MONDAY_10_00)).isEqualTo(MONDAY_10_00.plus(Duration.ofMinutes(45)));
        assertThat(l.dueAt(Priority.STAT, "US", "", MONDAY_10_00)).isEqualTo(MONDAY_10_00.plus(Duration.ofHours(2)));
        assertThat(l.dueAt(Priority.ROUTINE, "CT", "HEAD", MONDAY_10_00)).isEqualTo(MONDAY_10_00.plus(Duration.ofHours(48)));
        // no limit configured for this priority: 24 hours
        assertThat(l.dueAt(Priority.URGENT, "CT", "HEAD", MONDAY_10_00)).isEqualTo(MONDAY_10_00.plus(Duration.ofHours(24)));
    }

    @Test
    void theDefaultsFollowChineseHospitalPractice() {
        ReportTimeLimits l = limits(null, null);
        assertThat(l.limit(Priority.STAT, "CT", "HEAD").within()).isEqualTo(Duration.ofMinutes(30));
        assertThat(l.limit(Priority.STAT, "MR", "SPINE").within()).isEqualTo(Duration.ofHours(1));
        assertThat(l.limit(Priority.STAT, "DX", "CHEST").within()).isEqualTo(Duration.ofMinutes(30));
        assertThat(l.limit(Priority.URGENT, "CT", "CHEST").workingTime()).isTrue();
        assertThat(l.limit(Priority.URGENT, "MR", "").within()).isEqualTo(Duration.ofHours(4));
        assertThat(l.limit(Priority.ROUTINE, "CT", "HEAD").within()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void workingTimeSkipsNightsAndDaysOff() {
        var saturdayMornings = new ReadingProperties.WorkingHours(ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 0),
                LocalTime.of(12, 0), List.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
        ReportTimeLimits l = limits(List.of(new ReadingProperties.TimeLimit("urgent", "", "", Duration.ofHours(6), true)),
                saturdayMornings);
        // Monday 10:00 is outside working days: Friday 08:00-12:00 (4 h), Saturday 08:00-10:00 (2 h)
        assertThat(l.dueAt(Priority.URGENT, "CT", "", MONDAY_10_00)).isEqualTo(Instant.parse("2026-11-28T02:00:00Z"));
        // Friday 11:30: half an hour, then 5.5 h more needs Saturday (4 h) and the next Friday (1.5 h)
        assertThat(l.dueAt(Priority.URGENT, "CT", "", Instant.parse("2026-11-27T03:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-04T01:30:00Z"));
    }
}
