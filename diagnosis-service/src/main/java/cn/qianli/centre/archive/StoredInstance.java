package cn.qianli.centre.archive;

/** An instance row of the index: where its object is and what it was. */
public record StoredInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String sopClassUid, String transferSyntaxUid, String hospitalId, String objectKey, long objectSize,
        String sha256, int numberOfFrames) {
}
