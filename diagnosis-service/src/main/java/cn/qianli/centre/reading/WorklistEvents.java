package cn.qianli.centre.reading;

import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Tenancy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for radiologists' worklists: every {@link ReadingChanged} of a hospital the
 * radiologist reads for (decided by {@link Tenancy} when the stream opens), carrying ids, state
 * and what changed, never patient data.
 */
@Component
class WorklistEvents {

    private static final Logger log = LoggerFactory.getLogger(WorklistEvents.class);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    record Change(long requestId, String hospitalId, String studyInstanceUid, String state, String what) {
    }

    private record Stream(SseEmitter emitter, Set<String> hospitals) {
    }

    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final ReadingRequests requests;

    WorklistEvents(ReadingRequests requests) {
        this.requests = requests;
    }

    SseEmitter open(Caller caller) throws IOException {
        Tenancy t = Tenancy.readable(caller, "st");
        Set<String> hospitals = new HashSet<>(requests.jdbc().queryForList(
                "SELECT st.hospital_id FROM (SELECT id AS hospital_id FROM hospital) st WHERE " + t.predicate(),
                new MapSqlParameterSource(t.params()), String.class));
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Stream stream = new Stream(emitter, hospitals);
        streams.add(stream);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        emitter.send(SseEmitter.event().name("open").data(Map.of("hospitals", hospitals), MediaType.APPLICATION_JSON));
        return emitter;
    }

    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        streams.forEach(s -> s.emitter().complete());
        streams.clear();
    }

    @EventListener
    void on(ReadingChanged change) {
        for (Stream s : streams) {
            if (!s.hospitals().contains(change.hospitalId())) {
                continue;
            }
            try {
                s.emitter().send(SseEmitter.event().name("reading").id(Long.toString(change.requestId()))
                        .data(new Change(change.requestId(), change.hospitalId(), change.studyInstanceUid(),
                                change.state().name(), change.what()), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                streams.remove(s);
                log.debug("worklist event stream closed: {}", e.toString());
            }
        }
    }
}
