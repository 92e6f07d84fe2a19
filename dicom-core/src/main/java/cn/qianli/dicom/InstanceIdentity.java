package cn.qianli.dicom;

/**
 * Who and what an instance is: the keys the archive indexes it by (patient, study, series,
 * instance) and its image size. Strings are decoded Unicode; absent optional values are null;
 * {@code rows}, {@code columns} are 0 and {@code frames} 0 for instances without pixels
 * ({@code frames} is 1 for a single-frame image). Dates and times written in the pre-3.0 forms
 * yyyy.mm.dd and hh:mm:ss are given as yyyymmdd and hhmmss, the forms queries match.
 */
public record InstanceIdentity(
        String transferSyntaxUid,
        String sopClassUid,
        String sopInstanceUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        String patientId,
        String patientName,
        String modality,
        String studyDate,
        int rows,
        int columns,
        int frames,
        String accessionNumber,
        String studyDescription,
        String seriesDescription,
        String studyTime,
        String patientBirthDate,
        String patientSex,
        String bodyPartExamined,
        String institutionName,
        Integer seriesNumber,
        Integer instanceNumber) {
}
