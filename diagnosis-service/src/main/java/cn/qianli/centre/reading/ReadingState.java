package cn.qianli.centre.reading;

import java.util.Locale;
import java.util.Set;

/** Where a reading request is: arriving → ready → in progress → preliminary → final → amended. */
public enum ReadingState {
    /** instances are still coming in */
    ARRIVING,
    /** complete, waiting for a radiologist */
    READY,
    /** claimed by a radiologist who is reading it */
    IN_PROGRESS,
    /** a preliminary report is signed */
    PRELIMINARY,
    /** the final report is signed; it cannot change any more */
    FINAL,
    /** an addendum was signed after the final report */
    AMENDED;

    /** The states this one may move to. */
    public Set<ReadingState> next() {
        return switch (this) {
            case ARRIVING -> Set.of(READY);
            case READY -> Set.of(IN_PROGRESS);
            case IN_PROGRESS -> Set.of(READY, PRELIMINARY, FINAL);
            case PRELIMINARY -> Set.of(FINAL);
            case FINAL, AMENDED -> Set.of(AMENDED);
        };
    }

    public boolean mayMoveTo(ReadingState to) {
        return next().contains(to);
    }

    /** Whether a report has been signed (the clinic sees it). */
    public boolean reported() {
        return this == PRELIMINARY || this == FINAL || this == AMENDED;
    }

    /** The database and JSON name, e.g. {@code in_progress}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReadingState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
