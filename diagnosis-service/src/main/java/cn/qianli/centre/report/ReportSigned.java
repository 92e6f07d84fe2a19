package cn.qianli.centre.report;

/** A final report was signed (or an addendum to it): its outputs can be made. */
public record ReportSigned(long reportId, long requestId, String hospitalId, String studyInstanceUid,
        String signedBy) {
}
