package cn.qianli.centre.clinic;

import cn.qianli.centre.reading.Priority;
import cn.qianli.centre.reading.ReadingRequest;
import cn.qianli.centre.reading.ReadingState;
import java.time.Instant;

/**
 * One study as the clinic sees it.
 *
 * @param progress      {@code arriving}, {@code waiting} (complete, not reported) or {@code reported}
 * @param progressText  e.g. {@code arriving 12 of 40}, {@code waiting}, {@code reported}
 * @param criticalToAcknowledge a signed critical result the clinic has not acknowledged
 */
public record ClinicStudy(long requestId, String studyInstanceUid, String patientId, String patientName,
        String studyDate, String accessionNumber, String studyDescription, String modality, String bodyPart,
        ReadingState state, String progress, String progressText, int numberOfInstances, Integer expectedInstances,
        Priority priority, Instant arrivedAt, Instant dueAt, Instant stateChangedAt,
        boolean criticalToAcknowledge) {

    static ClinicStudy of(ReadingRequest r, boolean criticalToAcknowledge) {
        String progress = r.state() == ReadingState.ARRIVING ? "arriving" : r.state().reported() ? "reported" : "waiting";
        String text = progress.equals("arriving")
                ? "arriving " + r.numberOfInstances() + (r.expectedInstances() == null ? "" : " of " + r.expectedInstances())
                : progress;
        return new ClinicStudy(r.id(), r.studyInstanceUid(), r.patientId(), r.patientName(), r.studyDate(),
                r.accessionNumber(), r.studyDescription(), r.modality(), r.bodyPart(), r.state(), progress, text,
                r.numberOfInstances(), r.expectedInstances(), r.priority(), r.arrivedAt(), r.dueAt(),
                r.stateChangedAt(), criticalToAcknowledge);
    }
}
