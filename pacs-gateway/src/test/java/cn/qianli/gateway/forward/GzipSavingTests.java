package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much gzip takes off the wire for a synthetic 512 x 512 head CT (lossless: the centre gets the same bytes). */
class GzipSavingTests {

    @TempDir
    Path temp;

    @Test
    void gzipShrinksASyntheticCtOnTheWireAndTheCentreGetsTheSameBytes() throws Exception {
        try (FakeCentre centre = new FakeCentre()) {
            Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
            Map<String, byte[]> sent = Samples.spool(spool, SyntheticCt.study("H001-0017", "测试^十七")
                    .slices(20).writeTo(temp.resolve("ct")));
            for (var e : sent.entrySet()) {
                centre.register(e.getKey(), e.getValue());
            }
            try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(centre.baseUri(), true), BearerTokens.NONE,
                    Clock.systemUTC())) {
                forwarder.start();
                Samples.awaitDrained(spool, 120);
                long raw = forwarder.rawBytesSent();
                long wire = forwarder.wireBytesSent();
                System.out.printf("gzip on synthetic CT (20 x 512x512): %d bytes of multipart body, %d on the wire, "
                        + "%.1f %% saved%n", raw, wire, 100.0 * (raw - wire) / raw);
                assertThat(wire).isLessThan(raw);
            }
            sent.forEach((uid, bytes) -> assertThat(centre.stored.get(uid)).isEqualTo(bytes));
            assertThat(centre.digestMismatches).hasValue(0);
        }
    }
}
