package cn.qianli.centre.dicomweb.stow;

import cn.qianli.dicom.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PS3.18 10.5.3 response data set, as DICOM JSON. */
final class StowResponse {

    private StowResponse() {
    }

    static Map<String, Object> of(StowResult result, String baseUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (result.studies.size() == 1) {
            body.put(key(Tag.RetrieveURL), element("UR", baseUrl + "/studies/" + result.studies.iterator().next()));
        }
        if (!result.failed.isEmpty()) {
            List<Object> items = new ArrayList<>();
            for (StowResult.Failed f : result.failed) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(key(Tag.ReferencedSOPClassUID), element("UI", f.sopClassUid()));
                item.put(key(Tag.ReferencedSOPInstanceUID), element("UI", f.sopInstanceUid()));
                item.put(key(Tag.FailureReason), Map.of("vr", "US", "Value", List.of(f.failureReason())));
                items.add(item);
            }
            body.put(key(Tag.FailedSOPSequence), Map.of("vr", "SQ", "Value", items));
        }
        if (!result.referenced.isEmpty()) {
            List<Object> items = new ArrayList<>();
            for (StowResult.Referenced r : result.referenced) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(key(Tag.ReferencedSOPClassUID), element("UI", r.sopClassUid()));
                item.put(key(Tag.ReferencedSOPInstanceUID), element("UI", r.sopInstanceUid()));
                item.put(key(Tag.RetrieveURL), element("UR", baseUrl + "/studies/" + r.studyInstanceUid()
                        + "/series/" + r.seriesInstanceUid() + "/instances/" + r.sopInstanceUid()));
                items.add(item);
            }
            body.put(key(Tag.ReferencedSOPSequence), Map.of("vr", "SQ", "Value", items));
        }
        return body;
    }

    /** PS3.18 F.2.1: the tag as eight upper-case hexadecimal digits. */
    static String key(int tag) {
        String hex = Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(8 - hex.length()) + hex;
    }

    private static Map<String, Object> element(String vr, String value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("vr", vr);
        if (value != null && !value.isEmpty()) {
            e.put("Value", List.of(value));
        }
        return e;
    }
}
