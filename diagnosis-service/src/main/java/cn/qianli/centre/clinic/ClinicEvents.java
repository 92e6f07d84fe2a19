package cn.qianli.centre.clinic;

import cn.qianli.centre.reading.ReadingChanged;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams, by hospital; every {@link ReadingChanged} goes to the
 * streams of its hospital only, as an event {@code reading} carrying ids and the new state (never
 * patient data: the browser fetches what changed through the API, where access is audited).
 */
@Component
class ClinicEvents {

    private static final Logger log = LoggerFactory.getLogger(ClinicEvents.class);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    record Change(long requestId, String studyInstanceUid, String state, String what) {
    }

    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();

    SseEmitter open(String hospitalId) throws IOException {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        List<SseEmitter> list = streams.computeIfAbsent(hospitalId, h -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> list.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        // the first event sends the response headers, so the browser knows the stream is open
        emitter.send(SseEmitter.event().name("open").data(Map.of("hospitalId", hospitalId), MediaType.APPLICATION_JSON));
        return emitter;
    }

    /** Ends every stream before the server stops, so shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        streams.values().forEach(list -> list.forEach(SseEmitter::complete));
        streams.clear();
    }

    @EventListener
    void on(ReadingChanged change) {
        List<SseEmitter> list = streams.getOrDefault(change.hospitalId(), List.of());
        for (SseEmitter emitter : list) {
            try {
                emitter.send(SseEmitter.event().name("reading").id(Long.toString(change.requestId()))
                        .data(new Change(change.requestId(), change.studyInstanceUid(), change.state().name(),
                                change.what()), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                list.remove(emitter);
                log.debug("event stream of {} closed: {}", change.hospitalId(), e.toString());
            }
        }
    }
}
