package cn.qianli.centre.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.AuditEvents;
import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each caller against each DICOMweb read endpoint, with a study of hospital H001 and one of H002:
 * 200 where its role and hospital allow, else 401, 403, 404 (or, for a search, nothing found);
 * and every one of those requests, allowed or refused, in the audit trail with its outcome.
 */
class DicomWebAccessTests extends CentreTest {

    private static final String OCTETS = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";

    /** One DICOMweb read: the route as the audit trail names it, and whether it is a search. */
    private record Endpoint(String route, String accept, boolean search) {

        String path(InstanceIdentity id) {
            return route.replace("{study}", id.studyInstanceUid()).replace("{series}", id.seriesInstanceUid())
                    .replace("{instance}", id.sopInstanceUid()).replace("{frames}", "1").replace("{frame}", "1")
                    .replace("{*tagPath}", "7FE00010");
        }
    }

    private static final String INSTANCE = "/dicom-web/studies/{study}/series/{series}/instances/{instance}";
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/dicom-web/studies/{study}", null, false),
            new Endpoint("/dicom-web/studies/{study}/series/{series}", null, false),
            new Endpoint(INSTANCE, null, false),
            new Endpoint("/dicom-web/studies/{study}/metadata", null, false),
            new Endpoint("/dicom-web/studies/{study}/series/{series}/metadata", null, false),
            new Endpoint(INSTANCE + "/metadata", null, false),
            new Endpoint(INSTANCE + "/frames/{frames}", OCTETS, false),
            new Endpoint(INSTANCE + "/bulkdata/{*tagPath}", OCTETS, false),
            new Endpoint(INSTANCE + "/rendered", null, false),
            new Endpoint(INSTANCE + "/frames/{frame}/rendered", null, false),
            new Endpoint(INSTANCE + "/thumbnail", null, false),
            new Endpoint("/dicom-web/studies/{study}/series/{series}/thumbnail", null, false),
            new Endpoint("/dicom-web/studies/{study}/thumbnail", null, false),
            new Endpoint("/dicom-web/studies/{study}/series", null, true),
            new Endpoint("/dicom-web/studies/{study}/instances", null, true),
            new Endpoint("/dicom-web/studies/{study}/series/{series}/instances", null, true));

    /** A caller: its token (null: none) and the hospitals whose studies it may read. */
    private record Who(String actor, Supplier<String> token, List<String> reads, boolean readsImages) {
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path temp;

    Http http;
    Map<String, InstanceIdentity> studies;

    private InstanceIdentity store(String token) throws Exception {
        List<Path> files = SyntheticCt.study("ACC-" + System.nanoTime(), "Liu^Yang=刘^洋").size(16, 16).slices(1)
                .writeTo(Files.createTempDirectory(temp, "ct"));
        assertThat(Stow.files(http, token, files).status()).isEqualTo(200);
        return DicomInstance.readHeader(files.get(0)).identity();
    }

    @BeforeEach
    void aStudyOfEachHospital() throws Exception {
        http = new Http(port);
        OtherDistrict.register(owner);
        studies = Map.of("H001", store(Tokens.user("clinic1")), "H002", store(Tokens.client("gateway-h002")));
    }

    private static List<Who> callers() {
        return List.of(
                new Who("clinic1", () -> Tokens.user("clinic1"), List.of("H001"), true),
                new Who("clinic2", () -> Tokens.user("clinic2"), List.of("H002"), true),
                new Who("radiologist1", () -> Tokens.user("radiologist1"), List.of("H001", "H002"), true),
                // a radiologist serving another district only: a token the realm signs with other claims
                new Who("radiologist9", () -> Tokens.keycloak().reissue(Tokens.user("radiologist1"),
                        c -> {
                            c.put("preferred_username", "radiologist9");
                            c.put("hospital_id", OtherDistrict.HOSPITAL);
                            c.putArray("district").add(OtherDistrict.DISTRICT);
                        }), List.of(), true),
                new Who("ai-assist", () -> Tokens.client("ai-assist"), List.of("H001", "H002"), true),
                new Who("auditor1", () -> Tokens.user("auditor1"), List.of(), false),
                new Who("gateway-h001", () -> Tokens.client("gateway-h001"), List.of(), false),
                new Who("anonymous", () -> null, List.of(), false));
    }

    @Test
    void eachCallerReadsOnlyWhatItsRoleAndHospitalAllowAndEveryRequestIsAudited() throws Exception {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Who who : callers()) {
            String token = who.token().get();
            for (Map.Entry<String, InstanceIdentity> study : studies.entrySet()) {
                InstanceIdentity id = study.getValue();
                boolean allowed = who.reads().contains(study.getKey());
                for (Endpoint endpoint : ENDPOINTS) {
                    String path = endpoint.path(id);
                    long before = AuditEvents.lastSeq(dataSource);
                    var request = http.request(path, token).GET();
                    if (endpoint.accept() != null) {
                        request.header("Accept", endpoint.accept());
                    }
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    requests++;
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    int expected = token == null ? 401 : !who.readsImages() ? 403 : allowed || endpoint.search() ? 200 : 404;
                    String what = who.actor() + " " + study.getKey() + " " + endpoint.route();
                    if (r.statusCode() != expected) {
                        wrong.add(what + ": " + r.statusCode() + " instead of " + expected + " " + body);
                        continue;
                    }
                    if (endpoint.search() && expected == 200) {
                        boolean found = body.contains(id.studyInstanceUid());
                        if (found != allowed) {
                            wrong.add(what + ": search " + (found ? "shows" : "hides") + " the study");
                        }
                    }
                    if (expected != 200 && !r.headers().firstValue("Content-Type").orElse("").startsWith(
                            "application/problem+json")) {
                        wrong.add(what + ": refusal is not a problem document");
                    }
                    String outcome = switch (expected) {
                        case 200 -> "success";
                        case 404 -> "not-found";
                        default -> "denied";
                    };
                    // a request refused for want of a token is recorded by its path, before any route is matched
                    String audited = token == null ? audited(before, who.actor(), "GET " + path, "", outcome)
                            : audited(before, who.actor(), "GET " + endpoint.route(), id.studyInstanceUid(), outcome);
                    if (audited != null) {
                        wrong.add(what + ": " + audited);
                    }
                }
            }
        }
        assertThat(requests).isEqualTo(callers().size() * 2 * ENDPOINTS.size());
        assertThat(wrong).isEmpty();
    }

    /** Null when an entry after {@code before} records this request as expected, else what is wrong. */
    private String audited(long before, String actor, String action, String study, String outcome) throws Exception {
        for (AuditEvents.Entry entry : AuditEvents.since(dataSource, before, actor, 1)) {
            if (entry.action().equals(action) && entry.study().equals(study)) {
                return entry.outcome().equals(outcome) ? null : "audited as " + entry.outcome() + " instead of " + outcome;
            }
        }
        return "no audit entry";
    }
}
