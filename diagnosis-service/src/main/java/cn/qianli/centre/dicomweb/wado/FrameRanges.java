package cn.qianli.centre.dicomweb.wado;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The byte ranges of each frame, as STOW recorded them in the index. */
final class FrameRanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One frame: its ranges as {offset, length} pairs. */
    record Frame(boolean encapsulated, List<long[]> ranges) {
    }

    private FrameRanges() {
    }

    static List<Frame> parse(String json) {
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : JSON.readTree(json)) {
            List<long[]> ranges = new ArrayList<>();
            for (JsonNode r : f.path("ranges")) {
                ranges.add(new long[] {r.path(0).asLong(), r.path(1).asLong()});
            }
            frames.add(new Frame(f.path("encapsulated").asBoolean(), ranges));
        }
        return frames;
    }
}
