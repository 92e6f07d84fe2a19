package cn.qianli.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STAT / HIGH studies go first, and go even outside the bulk time window. */
class SpoolPriorityTests {

    @TempDir
    Path temp;

    /**
     * The synthetic slice with Requested Procedure Priority (0040,1003) SH {@code priority} inserted
     * before Pixel Data (explicit VR little endian, so one element of 8 + value bytes).
     */
    static Path withPriority(Path slice, String priority, Path target) throws Exception {
        byte[] bytes = Files.readAllBytes(slice);
        byte[] pixelTag = tag(Tag.PixelData);
        int at = indexOf(bytes, pixelTag);
        String value = priority.length() % 2 == 0 ? priority : priority + " ";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(tag(Tag.RequestedProcedurePriority));
        out.write("SH".getBytes(StandardCharsets.US_ASCII));
        out.write(value.length());
        out.write(0);
        out.write(value.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, at, bytes.length - at);
        return Files.write(target, out.toByteArray());
    }

    private static byte[] tag(int tag) {
        return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8)};
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 132; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no Pixel Data");
    }

    @Test
    void sendsAStatStudyBeforeEarlierRoutineOnesAndEvenOutsideTheBulkWindow() throws Exception {
        Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
        List<Path> routine = SyntheticCt.study("H001-0014", "测试^十四").size(32, 32).slices(3)
                .writeTo(temp.resolve("routine"));
        Path stat = withPriority(SyntheticCt.study("H001-0015", "测试^十五").size(32, 32).slices(1)
                .writeTo(temp.resolve("stat")).getFirst(), "STAT", temp.resolve("stat.dcm"));
        for (Path f : List.of(routine.get(0), routine.get(1), routine.get(2), stat)) {
            try (InputStream in = Files.newInputStream(f)) {
                spool.store(in, Files.size(f));
            }
        }
        List<SpooledInstance> urgentOnly = spool.take(10, Long.MAX_VALUE, true);
        assertThat(urgentOnly).singleElement().satisfies(i -> assertThat(i.keys().urgent()).isTrue());
        spool.retryLater(urgentOnly.getFirst(), java.time.Instant.EPOCH, "test");
        assertThat(spool.take(1, Long.MAX_VALUE, false).getFirst().keys().urgent()).isTrue();
        assertThat(spool.take(10, Long.MAX_VALUE, false)).hasSize(3).noneMatch(i -> i.keys().urgent());
    }

    @Test
    void readsRoutineAndLowAsBulk() throws Exception {
        Path slice = SyntheticCt.study("H001-0016", "测试^十六").size(32, 32).slices(1)
                .writeTo(temp.resolve("ct")).getFirst();
        DicomCoreReader reader = new DicomCoreReader();
        assertThat(reader.read(withPriority(slice, "HIGH", temp.resolve("high.dcm"))).urgent()).isTrue();
        assertThat(reader.read(withPriority(slice, "ROUTINE", temp.resolve("routine.dcm"))).urgent()).isFalse();
        assertThat(reader.read(withPriority(slice, "LOW", temp.resolve("low.dcm"))).urgent()).isFalse();
        assertThat(reader.read(slice).urgent()).isFalse();
    }
}
