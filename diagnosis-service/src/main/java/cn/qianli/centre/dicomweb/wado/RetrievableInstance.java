package cn.qianli.centre.dicomweb.wado;

/** An instance the caller may retrieve, with where its object is. */
record RetrievableInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String transferSyntaxUid, String objectKey, int numberOfFrames, String frameRanges) {
}
