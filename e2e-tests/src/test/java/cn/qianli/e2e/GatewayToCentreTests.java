package cn.qianli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.part10.Part10Header;
import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.LinkFaultProxy;
import cn.qianli.gateway.Storescu;
import cn.qianli.localservices.LocalKeycloak;
import cn.qianli.localservices.LocalS3;
import cn.qianli.localservices.LocalServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DCMTK's storescu as the modality, pacs-gateway (its jar, killed with {@code kill -9}) in front
 * of the real centre (its jar, with Keycloak and S3Proxy): what the modality was told is stored
 * reaches the centre's index exactly once, with the data set storescu put on the wire, through
 * crashes, a centre that is down for minutes, and a link that is slow, laggy, drops connections
 * and cuts out for 30 s. Twenty fault trials in all (8 + 10 + 1 + 1), each at a random moment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayToCentreTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int RECEIVING_KILLS = 8;
    private static final int FORWARDING_KILLS = 10;
    private static final Duration DRAIN = Duration.ofMinutes(5);

    private final Path root = Path.of(System.getProperty("qianli.root", "..")).toAbsolutePath().normalize();
    private final Path out = Path.of(System.getProperty("qianli.e2e.out", "target/e2e")).toAbsolutePath()
            .resolve("gateway");
    private final Duration centreDown = Duration.ofSeconds(Long.getLong("qianli.e2e.centre-down-seconds", 150));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(20261203);
    private Path work;
    private Path centreJar;
    private Path gatewayJar;
    private Map<String, String> centreEnvironment;
    private LocalKeycloak keycloak;
    private Centre centre;

    @BeforeAll
    void startTheCentre() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")), "skipped: DCMTK storescu not installed");
        centreJar = Path.of(System.getProperty("qianli.centre.jar", ""));
        gatewayJar = Path.of(System.getProperty("qianli.gateway.jar", ""));
        assumeTrue(Files.isRegularFile(centreJar), "skipped: no diagnosis-service jar");
        assumeTrue(Files.isRegularFile(gatewayJar), "skipped: no pacs-gateway jar");
        Files.createDirectories(out);
        work = Files.createTempDirectory("qianli-gateway-e2e");
        keycloak = LocalServices.keycloak();
        LocalS3 s3 = LocalServices.s3();
        centreEnvironment = Centre.environment(work.resolve("centre"), keycloak, s3);
        centre = Centre.start(centreJar, centreEnvironment, out.resolve("centre.log"));
    }

    @AfterAll
    void stop() throws IOException {
        if (centre != null) {
            centre.close();
        }
        LocalServices.stopAll();
        Centre.deleteTree(work);
    }

    private GatewayApp gateway(String name, String centreUrl, Map<String, String> properties) {
        return new GatewayApp(gatewayJar, work.resolve(name + "-spool"), out.resolve(name + ".log"), centreUrl,
                keycloak.tokenEndpoint(), keycloak.clientSecret("gateway-h001"), properties);
    }

    @Test
    void everySampleStorescuSendsArrivesAtTheCentreOnceWithTheDataSetItSent() throws Exception {
        Path samples = root.resolve("../shared/dicom-samples/test_files").normalize();
        assumeTrue(Files.isDirectory(samples), "skipped: no ../shared");
        // what storescu puts on the wire for each file (it re-encodes a few), captured by DCMTK's storescp
        Path wire = work.resolve("wire");
        Storescu.capture(wire, samples);
        Map<String, List<byte[]>> onTheWire = new HashMap<>();
        try (Stream<Path> captured = Files.list(wire)) {
            for (Path f : captured.toList()) {
                onTheWire.computeIfAbsent(Part10Header.read(f).meta().mediaStorageSopInstanceUid(), u -> new ArrayList<>())
                        .add(dataSet(Files.readAllBytes(f)));
            }
        }
        Storescu.Result sent;
        try (GatewayApp gateway = gateway("samples", centre.url(), Map.of()).start()) {
            sent = Storescu.send("CT01", gateway.dicomPort(), samples);
            assertThat(sent.stored()).as(String.join("\n", sent.output())).hasSizeGreaterThan(50);
            assertThat(gateway.awaitDrained(DRAIN)).as("the gateway's queue drains").isTrue();
        }
        Map<String, Set<String>> byStudy = new HashMap<>();
        Map<String, InstanceIdentity> identities = new HashMap<>();
        Set<String> reused = new HashSet<>();
        for (Path file : sent.stored()) {
            InstanceIdentity id = DicomInstance.readHeader(file).identity();
            if (identities.put(id.sopInstanceUid(), id) != null) {
                reused.add(id.sopInstanceUid());
            }
            byStudy.computeIfAbsent(id.studyInstanceUid(), s -> new HashSet<>()).add(id.sopInstanceUid());
        }
        String reader = keycloak.passwordGrant("radiologist1", "radiologist1");
        for (var study : byStudy.entrySet()) {
            List<String> indexed = indexed(study.getKey(), reader);
            assertThat(indexed).as("study %s in the centre's index", study.getKey())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(study.getValue());
        }
        // several samples carry one SOP Instance UID in different encodings (or with other content):
        // the centre keeps the one that arrives first and refuses the others as a conflict (0x0111),
        // which the gateway quarantines; what it keeps is one of the data sets storescu sent
        assertThat(reused.size()).isLessThan(identities.size() / 2);
        int compared = 0;
        for (InstanceIdentity id : identities.values()) {
            byte[] stored = dataSet(retrieve(id, reader));
            assertThat(onTheWire.get(id.sopInstanceUid())).as("%s reaches the centre as storescu sent it",
                    id.sopInstanceUid()).anySatisfy(variant -> assertThat(Arrays.equals(stored, variant)).isTrue());
            compared++;
        }
        assertThat(compared).isGreaterThan(25);
    }

    @Test
    void killedWhileReceivingTheGatewayLosesNothingItConfirmed() throws Exception {
        String reader = keycloak.passwordGrant("radiologist1", "radiologist1");
        int cutOff = 0;
        // the modality's side of the hospital LAN at 2 MB/s: a 7.9 MB study takes about 4 s to send,
        // so a kill within the first 3.2 s lands mid-association
        try (GatewayApp gateway = gateway("receiving", centre.url(), Map.of()).start();
             LinkFaultProxy lan = new LinkFaultProxy(gateway.dicomPort(), 2_000_000, 0, 0, 0)) {
            for (int trial = 0; trial < RECEIVING_KILLS; trial++) {
                SyntheticCt ct = SyntheticCt.study("GWR" + trial, "测试^接收").size(256, 256).slices(60);
                List<Path> files = ct.writeTo(work.resolve("receiving-" + trial));
                CompletableFuture<Storescu.Result> sending = CompletableFuture.supplyAsync(
                        () -> send(lan.port(), files));
                Thread.sleep(200 + random.nextInt(3000));
                gateway.kill();
                Storescu.Result result = sending.get();
                Set<String> confirmed = sopInstanceUids(result.stored());
                if (confirmed.size() < files.size()) {
                    cutOff++;
                }
                gateway.start();
                assertThat(gateway.awaitDrained(DRAIN)).isTrue();
                assertThat(indexed(ct.studyInstanceUid(), reader)).as("trial %d: what the modality was told is stored",
                        trial).doesNotHaveDuplicates().containsAll(confirmed);
                // the modality sends again what was not confirmed, as a technologist would
                Storescu.Result again = send(lan.port(), files);
                assertThat(again.stored()).as(String.join("\n", again.output())).hasSize(files.size());
                assertThat(gateway.awaitDrained(DRAIN)).isTrue();
                assertExactlyOnce(ct, files, reader);
            }
        }
        assertThat(cutOff).as("most kills cut a study off mid-association").isGreaterThanOrEqualTo(RECEIVING_KILLS / 2);
    }

    @Test
    void killedWhileForwardingTheGatewayDeliversEverythingExactlyOnce() throws Exception {
        String reader = keycloak.passwordGrant("radiologist1", "radiologist1");
        Map<SyntheticCt, List<Path>> studies = new LinkedHashMap<>();
        // capped at 1 MB/s, each 4 MB study takes seconds to leave, so every kill lands mid-forwarding
        try (GatewayApp gateway = gateway("forwarding", centre.url(), Map.of(
                "qianli.gateway.centre.bandwidth", "1MB", "qianli.gateway.centre.gzip", "false")).start()) {
            for (int trial = 0; trial < FORWARDING_KILLS; trial++) {
                SyntheticCt ct = SyntheticCt.study("GWF" + trial, "测试^转发").size(256, 256).slices(30);
                List<Path> files = ct.writeTo(work.resolve("forwarding-" + trial));
                studies.put(ct, files);
                assertThat(send(gateway, files).stored()).hasSize(files.size());
                Thread.sleep(200 + random.nextInt(2500));
                assertThat(gateway.queued()).as("trial %d: the kill lands while forwarding", trial).isPositive();
                gateway.kill();
                gateway.start();
            }
            assertThat(gateway.awaitDrained(DRAIN)).isTrue();
        }
        for (var study : studies.entrySet()) {
            awaitIndexed(study.getKey(), study.getValue().size(), reader);
            assertExactlyOnce(study.getKey(), study.getValue(), reader);
        }
    }

    @Test
    void theCentreDownForMinutesLosesNothingAndDuplicatesNothing() throws Exception {
        String reader = keycloak.passwordGrant("radiologist1", "radiologist1");
        SyntheticCt before = SyntheticCt.study("GWD1", "测试^停机").size(256, 256).slices(40);
        SyntheticCt during = SyntheticCt.study("GWD2", "测试^停机").size(256, 256).slices(20);
        List<Path> beforeFiles = before.writeTo(work.resolve("down-before"));
        List<Path> duringFiles = during.writeTo(work.resolve("down-during"));
        try (GatewayApp gateway = gateway("centre-down", centre.url(), Map.of(
                "qianli.gateway.centre.bandwidth", "1MB", "qianli.gateway.centre.gzip", "false")).start()) {
            assertThat(send(gateway, beforeFiles).stored()).hasSize(beforeFiles.size());
            Thread.sleep(1000 + random.nextInt(2000));
            assertThat(gateway.queued()).as("the centre stops while the gateway forwards").isPositive();
            centre.close();
            // the modality goes on sending while the centre is away, and is told "stored"
            assertThat(send(gateway, duringFiles).stored()).hasSize(duringFiles.size());
            Thread.sleep(centreDown.toMillis());
            assertThat(gateway.queued()).as("nothing leaves the spool while the centre is down").isPositive();
            centre = Centre.start(centreJar, centreEnvironment, out.resolve("centre.log"), centre.port());
            assertThat(gateway.awaitDrained(DRAIN)).isTrue();
        }
        assertExactlyOnce(before, beforeFiles, reader);
        assertExactlyOnce(during, duringFiles, reader);
    }

    @Test
    void aSlowLaggyLinkThatDropsAndCutsOutDeliversExactlyOnce() throws Exception {
        String reader = keycloak.passwordGrant("radiologist1", "radiologist1");
        SyntheticCt ct = SyntheticCt.study("GWL1", "测试^线路").size(256, 256).slices(24);
        List<Path> files = ct.writeTo(work.resolve("link"));
        // 2 Mbit/s, 300 ms one way, 40 % of connections reset within their first 400 kB
        try (LinkFaultProxy link = new LinkFaultProxy(centre.port(), 250_000, 300, 0.4, 400_000);
             GatewayApp gateway = gateway("link", "http://127.0.0.1:" + link.port(), Map.of(
                     "qianli.gateway.centre.gzip", "false", "qianli.gateway.centre.batch-instances", "4")).start()) {
            assertThat(send(gateway, files).stored()).hasSize(files.size());
            Thread.sleep(1500 + random.nextInt(2000));
            link.cutOut(30_000);
            Thread.sleep(40_000);
            if (gateway.queued() > 0) {
                link.cutOut(30_000);
            }
            assertThat(gateway.awaitDrained(Duration.ofMinutes(10))).isTrue();
            assertThat(link.drops()).as("the link did drop connections").isPositive();
        }
        assertExactlyOnce(ct, files, reader);
    }

    private static Storescu.Result send(GatewayApp gateway, List<Path> files) {
        return send(gateway.dicomPort(), files);
    }

    private static Storescu.Result send(int port, List<Path> files) {
        try {
            return Storescu.send("CT01", port, files.toArray(Path[]::new));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The centre indexes the study's instances once each, with the data sets that were sent. */
    private void assertExactlyOnce(SyntheticCt ct, List<Path> files, String token) throws Exception {
        Map<String, Path> sent = new HashMap<>();
        for (Path f : files) {
            sent.put(DicomInstance.readHeader(f).identity().sopInstanceUid(), f);
        }
        List<String> indexed = indexed(ct.studyInstanceUid(), token);
        assertThat(indexed).as("study %s in the centre's index", ct.studyInstanceUid())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (Path f : files) {
            InstanceIdentity id = DicomInstance.readHeader(f).identity();
            assertThat(Arrays.equals(dataSet(retrieve(id, token)), dataSet(Files.readAllBytes(f))))
                    .as("%s stored as sent", id.sopInstanceUid()).isTrue();
        }
    }

    private void awaitIndexed(SyntheticCt ct, int count, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (indexed(ct.studyInstanceUid(), token).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** SOP Instance UIDs of the study's rows in the centre's index (QIDO-RS), duplicates kept. */
    private List<String> indexed(String study, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(centre.url() + "/dicom-web/studies/"
                        + URLEncoder.encode(study, StandardCharsets.US_ASCII) + "/instances?limit=1000"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/dicom+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 204 || r.body().isBlank()) {
            return List.of();
        }
        assertThat(r.statusCode()).as("QIDO-RS: %s", r.body()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        for (JsonNode instance : JSON.readTree(r.body())) {
            uids.add(instance.path("00080018").path("Value").path(0).asString());
        }
        return uids;
    }

    /** The stored instance by WADO-RS: the one part of its multipart/related answer. */
    private byte[] retrieve(InstanceIdentity id, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(centre.url() + "/dicom-web/studies/"
                        + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid() + "/instances/" + id.sopInstanceUid()))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Accept", "multipart/related; type=\"application/dicom\"").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("WADO-RS of %s", id.sopInstanceUid()).isEqualTo(200);
        String contentType = r.headers().firstValue("Content-Type").orElseThrow();
        String boundary = contentType.replaceAll("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
        byte[] body = r.body();
        byte[] open = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int start = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), indexOf(body, open, 0)) + 4;
        int end = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), start);
        return Arrays.copyOfRange(body, start, end);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not a multipart body");
    }

    private static Set<String> sopInstanceUids(List<Path> files) throws DicomFormatException {
        Set<String> uids = new HashSet<>();
        for (Path f : files) {
            uids.add(DicomInstance.readHeader(f).identity().sopInstanceUid());
        }
        return uids;
    }

    private static byte[] dataSet(byte[] part10) throws IOException {
        long offset = Part10Header.read(new ByteArrayInputStream(part10), part10.length).dataSetOffset();
        return Arrays.copyOfRange(part10, (int) offset, part10.length);
    }
}
