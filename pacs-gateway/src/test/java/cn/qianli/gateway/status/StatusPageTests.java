package cn.qianli.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.forward.FakeCentre;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpooledInstance;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application against a scripted centre, with the bulk window closed so nothing is sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusPageTests {

    @TempDir
    static Path temp;

    static FakeCentre centre;

    @LocalServerPort
    int port;

    @Autowired
    Spool spool;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        centre = new FakeCentre();
        centre.apiStatus = 404;
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
        LocalTime now = LocalTime.now();
        registry.add("qianli.gateway.spool.directory", () -> temp.resolve("spool").toString());
        registry.add("qianli.gateway.spool.free-space-reserve", () -> "0B");
        registry.add("qianli.gateway.dicom.port", () -> "0");
        registry.add("qianli.gateway.centre.url", () -> centre.baseUri().toString());
        registry.add("qianli.gateway.centre.bulk-window",
                () -> now.plusHours(2).format(hm) + "-" + now.plusHours(3).format(hm));
        registry.add("qianli.gateway.status.heartbeat-interval", () -> "200ms");
    }

    @AfterAll
    static void stopCentre() {
        centre.close();
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void receive(int slices) throws Exception {
        for (Path f : SyntheticCt.study("H001-0012", "测试^十二").size(32, 32).slices(slices)
                .writeTo(Files.createTempDirectory(temp, "ct"))) {
            try (InputStream in = Files.newInputStream(f)) {
                spool.store(in, Files.size(f));
            }
        }
    }

    @Test
    void showsTheQueueInChineseByDefaultAndInEnglishOnRequest() throws Exception {
        receive(2);
        String zh = get("/");
        assertThat(zh).contains("待发送实例").contains("检查进度").contains("lang=\"zh-CN\"");
        String en = get("/?lang=en");
        assertThat(en).contains("Instances waiting").contains("Studies in progress");
    }

    @Test
    void escapesEverythingItShows() throws Exception {
        receive(1);
        List<SpooledInstance> taken = spool.take(1, Long.MAX_VALUE, false);
        spool.quarantine(taken.getFirst(), "<script>alert('x')</script> & more");
        String page = get("/?lang=en");
        assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
        assertThat(page).doesNotContain("<script>");
    }

    @Test
    void sendsAQuarantinedInstanceAgainWhenTheOperatorAsks() throws Exception {
        receive(1);
        SpooledInstance taken = spool.take(1, Long.MAX_VALUE, false).getFirst();
        spool.quarantine(taken, "FailureReason 0xA900 (Data Set does not match SOP Class)");
        int queued = spool.state().queueDepth();
        assertThat(get("/")).contains("/quarantine/" + taken.key() + "/requeue");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/quarantine/" + taken.key() + "/requeue"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(spool.state().queueDepth()).isEqualTo(queued + 1);
        assertThat(spool.state().quarantined()).noneMatch(q -> q.key().equals(taken.key()));
        assertThat(Files.exists(taken.file())).isTrue();
    }

    @Test
    void sendsHeartbeatsAndGoesOnWhenTheCentreLacksTheEndpoint() throws Exception {
        for (int i = 0; i < 100 && centre.apiPosts.getOrDefault("/api/gateway/heartbeat", List.of()).size() < 2; i++) {
            Thread.sleep(100);
        }
        List<String> beats = centre.apiPosts.get("/api/gateway/heartbeat");
        assertThat(beats).hasSizeGreaterThanOrEqualTo(2);
        assertThat(beats.getLast()).contains("\"queueDepth\":").contains("\"hospitalId\":\"H001\"")
                .contains("\"freeDiskBytes\":");
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
    }
}
