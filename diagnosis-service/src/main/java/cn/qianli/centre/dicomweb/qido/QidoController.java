package cn.qianli.centre.dicomweb.qido;

import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** QIDO-RS resources (PS3.18 10.6.1). */
@RestController
class QidoController {

    private final QidoSearch search;

    QidoController(QidoSearch search) {
        this.search = search;
    }

    @GetMapping(path = "/dicom-web/studies", produces = {"application/dicom+json", "application/json"})
    ResponseEntity<List<Map<String, Object>>> studies(Caller caller, @RequestParam MultiValueMap<String, String> query,
            HttpServletRequest request) {
        return answer(caller, Level.STUDY, query, request);
    }

    @GetMapping(path = "/dicom-web/series", produces = {"application/dicom+json", "application/json"})
    ResponseEntity<List<Map<String, Object>>> allSeries(Caller caller, @RequestParam MultiValueMap<String, String> query,
            HttpServletRequest request) {
        return answer(caller, Level.SERIES, query, request);
    }

    @GetMapping(path = "/dicom-web/studies/{study}/series", produces = {"application/dicom+json", "application/json"})
    ResponseEntity<List<Map<String, Object>>> studySeries(Caller caller, @PathVariable String study,
            @RequestParam MultiValueMap<String, String> query, HttpServletRequest request) {
        return answer(caller, Level.SERIES, scoped(query, "StudyInstanceUID", study), request);
    }

    @GetMapping(path = "/dicom-web/instances", produces = {"application/dicom+json", "application/json"})
    ResponseEntity<List<Map<String, Object>>> allInstances(Caller caller,
            @RequestParam MultiValueMap<String, String> query, HttpServletRequest request) {
        return answer(caller, Level.INSTANCE, query, request);
    }

    @GetMapping(path = "/dicom-web/studies/{study}/instances", produces = {"application/dicom+json", "application/json"})
    ResponseEntity<List<Map<String, Object>>> studyInstances(Caller caller, @PathVariable String study,
            @RequestParam MultiValueMap<String, String> query, HttpServletRequest request) {
        return answer(caller, Level.INSTANCE, scoped(query, "StudyInstanceUID", study), request);
    }

    @GetMapping(path = "/dicom-web/studies/{study}/series/{series}/instances",
            produces = {"application/dicom+json", "application/json"})
    ResponseEntity<List<Map<String, Object>>> seriesInstances(Caller caller, @PathVariable String study,
            @PathVariable String series, @RequestParam MultiValueMap<String, String> query, HttpServletRequest request) {
        return answer(caller, Level.INSTANCE,
                scoped(scoped(query, "StudyInstanceUID", study), "SeriesInstanceUID", series), request);
    }

    private ResponseEntity<List<Map<String, Object>>> answer(Caller caller, Level level,
            MultiValueMap<String, String> query, HttpServletRequest request) {
        Tenancy tenancy = Tenancy.readable(caller, "st");
        if (tenancy.readsNothing()) {
            throw Problem.FORBIDDEN.exception("this role does not see studies");
        }
        QidoQuery q = QidoQuery.of(level, query);
        String base = ServletUriComponentsBuilder.fromContextPath(request).path("/dicom-web").build().toUriString();
        List<Map<String, Object>> matches = search.search(level, q, tenancy, base);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (q.fuzzyMatchingRequested) {
            answer.header("Warning", "299 qianli: \"The fuzzymatching parameter is not supported. "
                    + "Only literal matching has been performed.\"");
        }
        return answer.body(matches);
    }

    /** The UID from the path becomes a matching key; a UID also given as a parameter must agree. */
    private static MultiValueMap<String, String> scoped(MultiValueMap<String, String> query, String keyword, String uid) {
        if (!UidSyntax.isValid(uid)) {
            throw Problem.INVALID_UID.exception(keyword + " in the path is not a valid DICOM UID");
        }
        MultiValueMap<String, String> copy = new LinkedMultiValueMap<>(query);
        copy.add(keyword, uid);
        return copy;
    }
}
