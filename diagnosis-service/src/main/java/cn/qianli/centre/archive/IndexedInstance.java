package cn.qianli.centre.archive;

import java.util.List;

/**
 * What the index keeps of one stored instance, with the study and series attributes it carries.
 * Strings are never null (empty when absent), except {@code frameRanges}: JSON of each frame's
 * byte ranges in the object, or null; and {@code metadata}: the instance's DICOM JSON with
 * {@link #BULK_DATA_PLACEHOLDER} where its bulk data URIs begin, or null.
 */
public record IndexedInstance(
        String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String sopClassUid,
        String transferSyntaxUid, String patientId, String patientName, String patientBirthDate, String patientSex,
        String studyDate, String studyTime, String accessionNumber, String studyId, String studyDescription,
        String referringPhysicianName, String modality, String seriesNumber, String seriesDescription,
        String bodyPartExamined, String instanceNumber, int rows, int columns, int numberOfFrames,
        String objectKey, long objectSize, String sha256, String hospitalId, String sentBy, String frameRanges,
        String metadata) {

    /** Where a stored instance's bulk data URI begins; the server puts the instance's URL there. */
    public static final String BULK_DATA_PLACEHOLDER = "qianli-bulkdata:";

    /** PN component groups (alphabetic, ideographic, phonetic) of the patient's name. */
    public List<String> patientNameGroups() {
        String[] groups = patientName.split("=", -1);
        return List.of(groups.length > 0 ? groups[0] : "", groups.length > 1 ? groups[1] : "",
                groups.length > 2 ? groups[2] : "");
    }
}
