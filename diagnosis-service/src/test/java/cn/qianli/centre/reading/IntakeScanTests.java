package cn.qianli.centre.reading;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IntakeScanTests extends ReadingTest {

    @Autowired
    ReadingRequests requests;

    @Test
    void aStudyTheSenderSaysNothingAboutArrivesAndIsReadyAfterTheQuietPeriod() {
        // the clock stands where the instances were just stored
        clock.set(Instant.now());
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 2);
        intake.scan(Duration.ofMinutes(2));
        ReadingRequest arriving = requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow();
        assertThat(arriving.state()).isEqualTo(ReadingState.ARRIVING);

        clock.advance(Duration.ofMinutes(1));
        intake.scan(Duration.ofMinutes(2));
        assertThat(requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow().state())
                .isEqualTo(ReadingState.ARRIVING);

        clock.advance(Duration.ofMinutes(2));
        intake.scan(Duration.ofMinutes(2));
        ReadingRequest ready = requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow();
        assertThat(ready.state()).isEqualTo(ReadingState.READY);
        assertThat(ready.id()).isEqualTo(arriving.id());
        assertThat(requests.transitions(ready.id())).extracting(Transition::to)
                .containsExactly(ReadingState.ARRIVING, ReadingState.READY);
    }

    @Test
    void publishedEventsDriveTheIntakeToo() {
        SyntheticCt ct = storeStudy("CHEST", "CT chest", 1);
        events.publishEvent(new StudyArrived(ct.studyInstanceUid()));
        assertThat(requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow().state())
                .isEqualTo(ReadingState.ARRIVING);
        events.publishEvent(new StudyCompleted(ct.studyInstanceUid(), 1));
        assertThat(requests.findByStudy(ct.studyInstanceUid(), clock.instant()).orElseThrow().state())
                .isEqualTo(ReadingState.READY);
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
}
