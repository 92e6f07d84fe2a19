package cn.qianli.centre.dicomweb.wado;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.OwnUids;
import cn.qianli.centre.dicomweb.Samples;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.pixels.FrameLocator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Frames in the transfer syntax the Accept header asks for: the RLE Lossless RT dose sample as
 * stored, or as the native little endian samples of its uncompressed twin, byte for byte.
 */
class FrameTranscodingTests extends CentreTest {

    private static final String OCTETS = "multipart/related; type=\"application/octet-stream\"";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path temp;

    Http http;
    DicomInstance nativeDose;
    DicomInstance rleDose;
    String url;

    @BeforeEach
    void storeTheRleDoseUnderAUidOfItsOwn() throws Exception {
        http = new Http(port);
        nativeDose = DicomInstance.read(Samples.file("test_files/rtdose.dcm"));
        rleDose = DicomInstance.read(OwnUids.copy(Samples.file("test_files/rtdose_rle.dcm"), temp));
        assertThat(Stow.files(http, Tokens.user("clinic1"), List.of(rleDose.file())).status()).isEqualTo(200);
        url = "/dicom-web/studies/" + rleDose.identity().studyInstanceUid() + "/series/"
                + rleDose.identity().seriesInstanceUid() + "/instances/" + rleDose.identity().sopInstanceUid() + "/frames/";
    }

    @Test
    void sendsNativeSamplesWhenTheAcceptAsksForExplicitLittleEndian() throws Exception {
        for (String accept : new String[] {OCTETS + "; transfer-syntax=" + EXPLICIT_LE, OCTETS,
                OCTETS + "; transfer-syntax=1.2.840.10008.1.2.4.90, " + OCTETS + "; transfer-syntax=" + EXPLICIT_LE + "; q=0.5"}) {
            List<Wado.Part> parts = Wado.parts(ok(Wado.get(http, url + "1,8,15", Tokens.user("radiologist1"), accept)));
            assertThat(parts).as(accept).hasSize(3);
            int[] frames = {0, 7, 14};
            for (int i = 0; i < 3; i++) {
                assertThat(parts.get(i).contentType()).as(accept).contains("transfer-syntax=" + EXPLICIT_LE);
                assertThat(parts.get(i).body()).as("%s frame %d", accept, frames[i] + 1)
                        .isEqualTo(FrameLocator.frameBytes(nativeDose, frames[i]));
            }
        }
    }

    @Test
    void sendsTheStoredRleFramesWhenAnySyntaxWillDo() throws Exception {
        for (String accept : new String[] {OCTETS + "; transfer-syntax=*", OCTETS + "; transfer-syntax=1.2.840.10008.1.2.5"}) {
            List<Wado.Part> parts = Wado.parts(ok(Wado.get(http, url + "2", Tokens.user("radiologist1"), accept)));
            assertThat(parts.get(0).contentType()).as(accept).contains("transfer-syntax=1.2.840.10008.1.2.5");
            assertThat(parts.get(0).body()).as(accept).isEqualTo(FrameLocator.frameBytes(rleDose, 1));
        }
    }

    @Test
    void readsThePixelModuleFromTheStoredObjectForRowsIndexedWithoutMetadata() throws Exception {
        assertThat(new JdbcTemplate(dataSource).update("UPDATE instance SET metadata = NULL WHERE sop_instance_uid = ?",
                rleDose.identity().sopInstanceUid())).isEqualTo(1);
        List<Wado.Part> parts = Wado.parts(ok(Wado.get(http, url + "3", Tokens.user("radiologist1"), OCTETS)));
        assertThat(parts.get(0).body()).isEqualTo(FrameLocator.frameBytes(nativeDose, 2));
    }

    @Test
    void refusesASyntaxItCannotProduceAndNamesTheOnesItCan() throws Exception {
        HttpResponse<byte[]> r = Wado.get(http, url + "1", Tokens.user("radiologist1"),
                OCTETS + "; transfer-syntax=1.2.840.10008.1.2.4.90");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("RLE Lossless")
                .contains("transfer-syntax=" + EXPLICIT_LE);
        // the stored object is untouched: its frames are still sent as stored
        assertThat(Wado.parts(ok(Wado.get(http, url + "1", Tokens.user("radiologist1"), OCTETS + "; transfer-syntax=*")))
                .get(0).body()).isEqualTo(FrameLocator.frameBytes(rleDose, 0));
    }

    @Test
    void refusesToDecodeColourJpegWhoseHeaderWouldNoLongerDescribeIt() throws Exception {
        DicomInstance jpeg = DicomInstance.read(OwnUids.copy(Samples.file("test_files/SC_rgb_jpeg_dcmtk.dcm"), temp));
        assertThat(Stow.files(http, Tokens.user("clinic1"), List.of(jpeg.file())).status()).isEqualTo(200);
        String frames = "/dicom-web/studies/" + jpeg.identity().studyInstanceUid() + "/series/"
                + jpeg.identity().seriesInstanceUid() + "/instances/" + jpeg.identity().sopInstanceUid() + "/frames/1";
        HttpResponse<byte[]> r = Wado.get(http, frames, Tokens.user("radiologist1"), OCTETS);
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("decode to RGB").contains("transfer-syntax=*");
    }

    @Test
    void keepsOtherHospitalsFramesHiddenWhateverTheSyntax() {
        assertThat(Wado.get(http, url + "1", Tokens.user("clinic2"), OCTETS).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r;
    }

}
