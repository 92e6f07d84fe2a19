package cn.qianli.centre.reading;

/**
 * Something a clinic or a radiologist sees changed on a reading request: its state, clinical
 * information, claim, report or critical result. Published after the change is committed.
 *
 * @param what a short word for the change, e.g. {@code state}, {@code claim}, {@code report}
 */
public record ReadingChanged(long requestId, String hospitalId, String studyInstanceUid, ReadingState state,
        String what) {
}
