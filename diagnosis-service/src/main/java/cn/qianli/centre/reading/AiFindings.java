package cn.qianli.centre.reading;

/**
 * The pre-screen's verdict on a study: the priority it should be read with and why (shown in the
 * worklist). A priority lower than the request's own never lowers it.
 */
public record AiFindings(String priority, String reason) {
}
