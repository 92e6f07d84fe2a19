package cn.qianli.centre.report;

/** The bodies the report endpoints take. Null fields keep their value (drafts) or are absent. */
final class ReportInput {

    private ReportInput() {
    }

    /**
     * A draft save. {@code version} is the version the editor started from (null for the first save).
     */
    record Draft(String findings, String impression, String language, Boolean critical, Integer version) {
    }

    /** A signature: {@code signer}, when given, must be the caller; {@code version} as in drafts. */
    record Signature(String signer, Integer version) {
    }

    record NewAddendum(String text, String signer) {
    }
}
