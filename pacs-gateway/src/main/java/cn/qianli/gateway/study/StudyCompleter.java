package cn.qianli.gateway.study;

import cn.qianli.gateway.forward.CentreApi;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpoolState;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares studies complete to the centre: {@code POST /api/gateway/studies/{StudyInstanceUID}/complete}
 * with {@code {"instances": n, "hospitalId": "..."}} once a study had no new instance for the
 * quiet time and has nothing left in the queue. Retried at the next check until the centre answers 2xx.
 */
public final class StudyCompleter {

    private static final Logger log = LoggerFactory.getLogger(StudyCompleter.class);

    private final StudyLedger ledger;
    private final Spool spool;
    private final CentreApi centre;
    private final StudyProperties properties;
    private final Clock clock;

    public StudyCompleter(StudyLedger ledger, Spool spool, CentreApi centre, StudyProperties properties, Clock clock) {
        this.ledger = ledger;
        this.spool = spool;
        this.centre = centre;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round: declares every study that is due. */
    public void check() throws InterruptedException {
        Instant now = clock.instant();
        SpoolState state = spool.state();
        Set<String> pending = new HashSet<>();
        state.studies().forEach(s -> pending.add(s.studyInstanceUid()));
        for (StudyLedger.Study study : ledger.studies()) {
            if (study.isDeclared() || pending.contains(study.studyInstanceUid())
                    || study.lastReceived().plus(properties.quietTime()).isAfter(now)) {
                continue;
            }
            declare(study);
        }
        ledger.forgetOlderThan(now.minus(properties.retention()));
    }

    private void declare(StudyLedger.Study study) throws InterruptedException {
        String path = "/api/gateway/studies/" + study.studyInstanceUid() + "/complete";
        try {
            int status = centre.post(path, Map.of("instances", study.instances(), "hospitalId", centre.hospitalId()));
            if (status / 100 == 2) {
                ledger.declared(study.studyInstanceUid(), study.instances());
                log.info("<< study {} declared complete with {} instances{}", study.studyInstanceUid(),
                        study.instances(), study.declared() >= 0 ? " (re-opened by late instances)" : "");
            } else {
                log.warn("<< study {} completion answered HTTP {}; will try again", study.studyInstanceUid(), status);
            }
        } catch (IOException e) {
            log.warn("<< study {} completion not delivered: {}", study.studyInstanceUid(), e.toString());
        }
    }
}
