package cn.qianli.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.GatewayProcess;
import cn.qianli.gateway.OrthancPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./qianli gateway import DIR} against a running gateway (whose centre is unreachable, so the instances stay). */
class ImportCommandTests {

    @TempDir
    Path temp;

    @Test
    void importsAMediaFolderThroughTheQianliCommand() throws Exception {
        Path media = temp.resolve("usb");
        SyntheticCt.study("H001-0013", "测试^十三").size(32, 32).slices(5).writeTo(media.resolve("DICOM"));
        Path spool = temp.resolve("spool");
        try (GatewayProcess gw = GatewayProcess.start(spool, temp.resolve("gateway.log"), OrthancPeer.freePort(),
                Map.of("qianli.gateway.centre.url", "http://127.0.0.1:" + OrthancPeer.freePort() + "/"))) {
            Path root = Path.of(System.getProperty("qianli.root", "..")).toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(root.resolve("qianli").toString(), "gateway", "import",
                    media.toString()).redirectErrorStream(true);
            builder.environment().put("QIANLI_GATEWAY_URL", "http://127.0.0.1:" + gw.httpPort);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("\"imported\":5");
            try (Stream<Path> queued = Files.list(spool.resolve("queue"))) {
                assertThat(queued.count()).isEqualTo(5);
            }
        }
    }
}
