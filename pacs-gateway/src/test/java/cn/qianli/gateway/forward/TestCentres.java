package cn.qianli.gateway.forward;

import java.net.URI;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Centre settings for tests: small batches, fast back-off. */
public final class TestCentres {

    private TestCentres() {
    }

    public static CentreProperties at(URI url, boolean gzip) {
        return at(url, gzip, 0, 5);
    }

    public static CentreProperties at(URI url, boolean gzip, long bandwidth, int batchInstances) {
        return new CentreProperties(url, "/dicom-web/studies", "H001", batchInstances, DataSize.ofMegabytes(4), 2,
                gzip, DataSize.ofBytes(bandwidth), "", Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(20));
    }
}
