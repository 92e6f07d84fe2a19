package cn.qianli.centre.dicomweb.stow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a STOW-RS request did, instance by instance. */
final class StowResult {

    /** A stored (or already stored) instance. */
    record Referenced(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid) {
    }

    /** An instance that was not stored, with its PS3.7 failure reason. */
    record Failed(String sopClassUid, String sopInstanceUid, int failureReason, String why) {
    }

    final List<Referenced> referenced = new ArrayList<>();
    final List<Failed> failed = new ArrayList<>();
    final Set<String> studies = new LinkedHashSet<>();

    /** PS3.18 10.5.3: 200 all stored, 202 some, 409 none. */
    int httpStatus() {
        if (failed.isEmpty()) {
            return 200;
        }
        return referenced.isEmpty() ? 409 : 202;
    }
}
