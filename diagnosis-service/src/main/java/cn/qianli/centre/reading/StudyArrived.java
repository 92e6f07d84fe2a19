package cn.qianli.centre.reading;

/**
 * Instances of a study were stored at the centre (the study may not be complete yet). Published
 * by the archive after it commits an index row; the reading request appears as {@code arriving}.
 */
public record StudyArrived(String studyInstanceUid) {
}
