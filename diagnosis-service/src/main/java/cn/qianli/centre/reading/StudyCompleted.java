package cn.qianli.centre.reading;

/**
 * The sender declared a study complete at the centre: the reading request becomes {@code ready}.
 *
 * @param numberOfInstances how many instances the sender says the study has, or null if unknown
 */
public record StudyCompleted(String studyInstanceUid, Integer numberOfInstances) {
}
