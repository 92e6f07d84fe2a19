package cn.qianli.gateway.forward;

import cn.qianli.dicom.Tag;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Store Instances Response Module of a STOW-RS response in DICOM JSON (PS3.18 F.2, PS3.18
 * 10.5.3): which SOP instances the origin server stored and which it failed, with the reason.
 */
record StowResponse(Set<String> referenced, Map<String, Integer> failed) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final StowResponse EMPTY = new StowResponse(Set.of(), Map.of());

    /** Parses a response body; an empty or non-JSON body yields an empty response. */
    static StowResponse parse(String body) {
        if (body == null || body.isBlank()) {
            return EMPTY;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            return EMPTY;
        }
        if (root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        Set<String> referenced = new HashSet<>();
        for (JsonNode item : items(root, Tag.ReferencedSOPSequence)) {
            String uid = string(item, Tag.ReferencedSOPInstanceUID);
            if (uid != null) {
                referenced.add(uid);
            }
        }
        Map<String, Integer> failed = new HashMap<>();
        for (JsonNode item : items(root, Tag.FailedSOPSequence)) {
            String uid = string(item, Tag.ReferencedSOPInstanceUID);
            if (uid != null) {
                JsonNode reason = value(item, Tag.FailureReason);
                failed.put(uid, reason == null ? 0x0110 : reason.asInt());
            }
        }
        return new StowResponse(referenced, failed);
    }

    /**
     * A failure reason the gateway must not retry: the instance itself is refused (0xA9xx data set
     * does not match SOP class, 0xCxxx cannot understand — PS3.4 B.2.3 gives the whole Cxxx range,
     * e.g. 0xC122 transfer syntax not supported —, 0x0122 SOP class not supported), or it can
     * never be stored as it is (0x0111 duplicate SOP instance: the centre holds other content under
     * its UID; 0x0124 not authorized: it belongs to a study of another hospital). Sending either
     * again changes nothing, so it waits in quarantine for a person. Every other reason (0xA7xx out
     * of resources, 0x0110 processing failure, unknown) is retried.
     */
    static boolean isPermanent(int failureReason) {
        return (failureReason & 0xFF00) == 0xA900 || (failureReason & 0xF000) == 0xC000
                || failureReason == 0x0122 || failureReason == 0x0111 || failureReason == 0x0124;
    }

    static String key(int tag) {
        return String.format("%08X", tag);
    }

    private static Iterable<JsonNode> items(JsonNode root, int tag) {
        JsonNode element = root == null ? null : root.get(key(tag));
        JsonNode values = element == null ? null : element.get("Value");
        return values == null || !values.isArray() ? Set.of() : values;
    }

    private static JsonNode value(JsonNode item, int tag) {
        JsonNode element = item.get(key(tag));
        JsonNode values = element == null ? null : element.get("Value");
        return values == null || !values.isArray() || values.isEmpty() ? null : values.get(0);
    }

    private static String string(JsonNode item, int tag) {
        JsonNode v = value(item, tag);
        return v == null ? null : v.asString();
    }
}
