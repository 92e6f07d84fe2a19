package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the SCP runs in a child JVM (user and mount namespace by {@code unshare})
 * whose spool is a 256 KiB tmpfs.
 */
class DiskFullTests {

    @TempDir
    Path mountPoint;

    private static boolean unshareWorks(Path dir) {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs " + dir)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void answersOutOfResourcesWhenTheDiskFillsMidWriteDeletesThePartAndGoesOn() throws Exception {
        assumeTrue(unshareWorks(mountPoint), "skipped: cannot mount a tmpfs with unshare -rm here");
        Path large = Samples.part10().stream().filter(f -> f.toFile().length() > 300 * 1024)
                .filter(f -> !uncheckedOdd(f)).findFirst().orElseThrow();
        Path small = Samples.sample("CT_small.dcm");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount -t tmpfs -o size=256k tmpfs \"$1\" && exec \"$2\" -cp \"$3\" "
                + SmallDiskScp.class.getName() + " \"$1\"";
        Process scp = new ProcessBuilder("unshare", "-rm", "sh", "-c", script, "sh", mountPoint.toString(), java,
                System.getProperty("java.class.path")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(scp.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = scp.getOutputStream()) {
            String line = out.readLine();
            while (line != null && !line.startsWith("PORT ")) {
                line = out.readLine();
            }
            assertThat(line).as("child SCP started").isNotNull();
            int port = Integer.parseInt(line.substring(5).trim());
            final Path tooLarge = large;
            try (ClientAssociation association = DicomClient.connect(ClientConfig.defaults("TEST_SCU"), "127.0.0.1",
                    port, "SMALL_DISK", ProposedContext.forFiles(List.of(large, small)))) {
                assertThatThrownBy(() -> association.store(tooLarge)).isInstanceOfSatisfying(DimseException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.OUT_OF_RESOURCES.code()));
                assertThat(association.store(small).isSuccess()).as("the association goes on").isTrue();
            }
            in.close();
            String files = out.readLine();
            while (files != null && !files.startsWith("FILES")) {
                files = out.readLine();
            }
            assertThat(files).as("one complete instance, no partial file").matches("FILES [0-9a-f-]{36}\\.dcm");
        } finally {
            scp.destroy();
            if (!scp.waitFor(10, TimeUnit.SECONDS)) {
                scp.destroyForcibly();
            }
        }
    }

    private static boolean uncheckedOdd(Path f) {
        try {
            return Samples.oddLength(f);
        } catch (Exception e) {
            return true;
        }
    }
}
