package cn.qianli.centre.dicomweb.wado;

/**
 * An instance the caller may retrieve, with where its object is; {@code metadata} is its DICOM
 * JSON as indexed at STOW, or null.
 */
record RetrievableInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String transferSyntaxUid, String objectKey, int numberOfFrames, String frameRanges, String metadata) {
}
