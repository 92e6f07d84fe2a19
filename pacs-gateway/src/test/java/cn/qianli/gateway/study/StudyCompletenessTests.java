package cn.qianli.gateway.study;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.forward.BearerTokens;
import cn.qianli.gateway.forward.CentreApi;
import cn.qianli.gateway.forward.FakeCentre;
import cn.qianli.gateway.forward.TestCentres;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpooledInstance;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCompletenessTests {

    @TempDir
    Path temp;

    private FakeCentre centre;
    private SyntheticCt study;
    private Spool spool;
    private StudyLedger ledger;
    private StudyCompleter completer;

    @BeforeEach
    void setUp() throws Exception {
        centre = new FakeCentre();
        study = SyntheticCt.study("H001-0009", "测试^九").size(32, 32).slices(3);
        open();
    }

    private void open() throws Exception {
        spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
        ledger = StudyLedger.open(temp.resolve("spool/studies"), spool, Clock.systemUTC());
        completer = new StudyCompleter(ledger, spool, new CentreApi(TestCentres.at(centre.baseUri(), false),
                BearerTokens.NONE), new StudyProperties(Duration.ZERO, Duration.ofDays(30), Duration.ofSeconds(1)),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        centre.close();
    }

    private void receiveSeries() throws Exception {
        for (Path f : study.writeTo(temp.resolve("ct"))) {
            try (InputStream in = Files.newInputStream(f)) {
                spool.store(in, Files.size(f));
            }
        }
    }

    private void sendAll() throws Exception {
        for (SpooledInstance i : spool.take(100, Long.MAX_VALUE, false)) {
            spool.acknowledged(i);
        }
    }

    private List<String> declarations() {
        return centre.apiPosts.getOrDefault("/api/gateway/studies/" + study.studyInstanceUid() + "/complete",
                List.of());
    }

    @Test
    void declaresAQuietStudyCompleteWithItsInstanceCountOnceItIsSent() throws Exception {
        receiveSeries();
        completer.check();
        assertThat(declarations()).as("nothing while instances wait").isEmpty();
        sendAll();
        completer.check();
        completer.check();
        assertThat(declarations()).singleElement().satisfies(body -> {
            assertThat(body).contains("\"instances\":3");
            assertThat(body).contains("\"hospitalId\":\"H001\"");
        });
    }

    @Test
    void reopensTheStudyWhenALateInstanceArrivesAndKeepsTheCountAcrossARestart() throws Exception {
        receiveSeries();
        sendAll();
        completer.check();
        open();
        receiveSeries();
        sendAll();
        completer.check();
        assertThat(declarations()).hasSize(2);
        assertThat(declarations().get(1)).contains("\"instances\":6");
    }

    @Test
    void triesAgainWhileTheCentreHasNoEndpoint() throws Exception {
        receiveSeries();
        sendAll();
        centre.apiStatus = 404;
        completer.check();
        centre.apiStatus = 200;
        completer.check();
        completer.check();
        assertThat(declarations()).hasSize(2);
        assertThat(ledger.studies()).singleElement().satisfies(s -> assertThat(s.isDeclared()).isTrue());
    }
}
