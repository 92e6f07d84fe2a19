package cn.qianli.centre.hospital;

import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.reading.StudyCompleted;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/gateway/studies/{study}/complete}: a gateway declares a study of its own
 * hospital complete with the number of instances it received; the reading workflow hears
 * {@link StudyCompleted}. 204 when the study is indexed, 202 while none of its instances is.
 */
@RestController
class StudyCompleteController {

    private static final Logger log = LoggerFactory.getLogger(StudyCompleteController.class);

    private final ArchiveIndex index;
    private final ApplicationEventPublisher events;

    StudyCompleteController(ArchiveIndex index, ApplicationEventPublisher events) {
        this.index = index;
        this.events = events;
    }

    @PostMapping(path = "/api/gateway/studies/{study}/complete", consumes = "application/json")
    ResponseEntity<Void> complete(Caller caller, @PathVariable String study, @RequestBody JsonNode body) {
        if (!caller.has(Role.GATEWAY)) {
            throw Problem.FORBIDDEN.exception("only gateways declare studies complete");
        }
        Optional<String> registered = index.gatewayHospital(caller.actor());
        if (registered.isEmpty()) {
            throw Problem.FORBIDDEN.exception("this gateway is not registered with the centre");
        }
        String hospital = registered.get();
        if (!caller.hospitalId().isEmpty() && !caller.hospitalId().equals(hospital)) {
            throw Problem.FORBIDDEN.exception("the gateway's token names another hospital than its registration");
        }
        if (!UidSyntax.isValid(study)) {
            throw Problem.INVALID_UID.exception("the study in the URL is not a valid DICOM UID");
        }
        if (!body.isObject()) {
            throw Problem.BAD_REQUEST.exception("the body is a JSON object {\"instances\": n}");
        }
        String claimed = body.path("hospitalId").asString("");
        if (!claimed.isEmpty() && !claimed.equals(hospital)) {
            throw Problem.OTHER_HOSPITAL.exception("the body names another hospital than the gateway's");
        }
        JsonNode count = body.path("instances");
        if (!count.isMissingNode() && !count.isNull() && (!count.canConvertToInt() || !count.isIntegralNumber()
                || count.asInt() < 0)) {
            throw Problem.BAD_REQUEST.exception("instances is a number of at least 0");
        }
        Integer instances = count.isIntegralNumber() ? count.asInt() : null;
        Optional<String> owner = index.studyHospital(study);
        if (owner.isEmpty()) {
            // the instances may still be on their way; the gateway asks again
            return ResponseEntity.status(HttpStatus.ACCEPTED).build();
        }
        if (!owner.get().equals(hospital)) {
            throw Problem.OTHER_HOSPITAL.exception("the study belongs to another hospital");
        }
        events.publishEvent(new StudyCompleted(study, instances));
        log.info(">> study {} of {} complete with {} instances, says {}", study, hospital, instances, caller.actor());
        return ResponseEntity.noContent().build();
    }
}
