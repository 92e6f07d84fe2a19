package cn.qianli.centre.storage;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.localservices.LocalS3;
import cn.qianli.localservices.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole STOW / WADO path with the objects in a real S3 server (S3Proxy) instead of on disk. */
public class S3ArchiveTests extends CentreTest {

    @DynamicPropertySource
    static void s3Properties(DynamicPropertyRegistry registry) {
        s3Storage(registry);
    }

    /** The centre's objects in the test run's S3Proxy, for any centre test. */
    public static void s3Storage(DynamicPropertyRegistry registry) {
        LocalS3 s3 = LocalServices.s3();
        registry.add("qianli.storage.kind", () -> "s3");
        registry.add("qianli.storage.s3.endpoint", s3::endpoint);
        registry.add("qianli.storage.s3.access-key", s3::accessKey);
        registry.add("qianli.storage.s3.secret-key", s3::secretKey);
        registry.add("qianli.storage.s3.bucket", () -> "archive-tests");
        registry.add("qianli.storage.s3.region", s3::region);
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @TempDir
    Path temp;

    @Test
    void storesInS3AndRetrievesByteForByteWithFrames() throws Exception {
        assertThat(store).isInstanceOf(S3ObjectStore.class);
        Http http = new Http(port);
        List<Path> files = SyntheticCt.study("S3-" + System.nanoTime(), "Zhao^Lei").size(32, 32).slices(2)
                .writeTo(Files.createTempDirectory(temp, "ct"));
        assertThat(Stow.files(http, Tokens.client("gateway-h001"), files).status()).isEqualTo(200);
        InstanceIdentity id = DicomInstance.readHeader(files.get(1)).identity();
        String instance = "/dicom-web/studies/" + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid()
                + "/instances/" + id.sopInstanceUid();
        List<Wado.Part> parts = Wado.parts(Wado.get(http, instance, Tokens.user("clinic1"), null));
        assertThat(parts.get(0).body()).isEqualTo(Files.readAllBytes(files.get(1)));
        List<Wado.Part> frame = Wado.parts(Wado.get(http, instance + "/frames/1", Tokens.user("clinic1"), null));
        assertThat(frame.get(0).body()).hasSize(32 * 32 * 2);
        assertThat(Wado.get(http, instance + "/rendered", Tokens.user("clinic1"), null).statusCode()).isEqualTo(200);
    }
}
