package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.Tag;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small parts of forwarding: response parsing, failure classes, back-off, bulk window, bandwidth. */
class ForwardPartsTests {

    /** Orthanc 1.10's answer, as captured (tabs and all), for one stored instance. */
    private static final String ORTHANC_STORED = """
            {
            \t"00080005" : {"Value" : ["ISO_IR 100"], "vr" : "CS"},
            \t"00081190" : {"Value" : ["http://127.0.0.1:8042/dicom-web/studies/1.2.3"], "vr" : "UR"},
            \t"00081198" : {"vr" : "SQ"},
            \t"00081199" : {"Value" : [{
            \t\t"00081150" : {"Value" : ["1.2.840.10008.5.1.4.1.1.2"], "vr" : "UI"},
            \t\t"00081155" : {"Value" : ["1.2.3.4"], "vr" : "UI"},
            \t\t"00081190" : {"Value" : ["http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/1.2.3.5/instances/1.2.3.4"], "vr" : "UR"}
            \t}], "vr" : "SQ"}
            }""";

    @Test
    void readsReferencedInstancesFromARealOrthancAnswer() {
        StowResponse response = StowResponse.parse(ORTHANC_STORED);
        assertThat(response.referenced()).containsExactly("1.2.3.4");
        assertThat(response.failed()).isEmpty();
    }

    @Test
    void readsFailedInstancesWithTheirReason() {
        String body = "{\"" + StowResponse.key(Tag.FailedSOPSequence) + "\":{\"vr\":\"SQ\",\"Value\":[{\""
                + StowResponse.key(Tag.ReferencedSOPInstanceUID) + "\":{\"vr\":\"UI\",\"Value\":[\"9.8.7\"]},\""
                + StowResponse.key(Tag.FailureReason) + "\":{\"vr\":\"US\",\"Value\":[43264]}}]}}";
        assertThat(StowResponse.parse(body).failed()).containsEntry("9.8.7", 0xA900);
    }

    @ParameterizedTest
    @CsvSource({"''", "not json", "[]", "{}", "<html>502 Bad Gateway</html>"})
    void treatsAnAnswerWithoutTheModuleAsListingNothing(String body) {
        StowResponse response = StowResponse.parse(body);
        assertThat(response.referenced()).isEmpty();
        assertThat(response.failed()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0xA900,true", "0xA9FF,true", "0xC000,true", "0xC123,true", "0x0122,true",
            "0x0111,true", "0x0124,true", "0xA700,false", "0xA7FF,false", "0x0110,false", "0x0000,false"})
    void quarantinesOnlyForReasonsThatSayTheInstanceItselfIsRefused(String reason, boolean permanent) {
        assertThat(StowResponse.isPermanent(Integer.decode(reason))).isEqualTo(permanent);
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheCap() {
        BackOff backOff = new BackOff(Duration.ofSeconds(2), Duration.ofMinutes(5));
        for (int attempt = 0; attempt < 40; attempt++) {
            long full = Math.min(2000L << Math.min(attempt, 30), 300_000L);
            long wait = backOff.after(attempt).toMillis();
            assertThat(wait).isBetween(full / 2, full);
        }
    }

    @ParameterizedTest
    @CsvSource({"22:00-06:00,23:30,true", "22:00-06:00,05:59,true", "22:00-06:00,06:00,false",
            "22:00-06:00,12:00,false", "01:00-05:00,03:00,true", "01:00-05:00,05:30,false", "'',12:00,true"})
    void opensTheBulkWindowOnlyInItsHoursAcrossMidnight(String window, String now, boolean open) {
        assertThat(BulkWindow.parse(window).isOpen(LocalTime.parse(now))).isEqualTo(open);
    }

    /** A clock that only moves when the bucket sleeps. */
    private static final class VirtualTime implements Throttle.Time {
        long now;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            now += nanos;
        }
    }

    @Test
    void capsTheBodyStreamAtTheConfiguredBytesPerSecond() throws Exception {
        VirtualTime time = new VirtualTime();
        Throttle throttle = new Throttle(250_000, time); // 2 Mbit/s
        try (InputStream in = throttle.wrap(new ByteArrayInputStream(new byte[2_500_000]))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        // 2.5 MB at 250 kB/s: 10 s, less the one-second burst the bucket starts... empty, so at least 9.9 s
        assertThat(time.now / 1e9).isBetween(9.9, 10.1);
    }
}
