package cn.qianli.centre.reading;

/**
 * What the clinic tells the radiologist about a request. Null fields are left as they are.
 *
 * @param urgency {@code stat}, {@code urgent} or {@code routine}
 */
public record ClinicalInformation(String history, String question, String urgency, String requestingDoctor,
        String procedure) {
}
