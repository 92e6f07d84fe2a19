package cn.qianli.centre.dicomweb.wado;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.dicomweb.Samples;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.pixels.FrameDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class RenderedTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    Http http;
    InstanceIdentity ct;

    @BeforeEach
    void storedCt() throws Exception {
        http = new Http(port);
        Path file = Samples.file("test_files/CT_small.dcm");
        Stow.files(http, Tokens.user("clinic1"), List.of(file));
        ct = DicomInstance.readHeader(file).identity();
    }

    private String instanceUrl(InstanceIdentity id) {
        return "/dicom-web/studies/" + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid() + "/instances/"
                + id.sopInstanceUid();
    }

    private static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void rendersAFrameAsJpegByDefaultAndPngOnRequest() throws Exception {
        HttpResponse<byte[]> jpeg = Wado.get(http, instanceUrl(ct) + "/rendered", Tokens.user("radiologist1"), null);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image(jpeg).getWidth()).isEqualTo(ct.columns());

        HttpResponse<byte[]> png = Wado.get(http, instanceUrl(ct) + "/frames/1/rendered?window=40,400",
                Tokens.user("clinic1"), "image/png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image(png).getHeight()).isEqualTo(ct.rows());
    }

    @Test
    void windowChangesThePicture() throws Exception {
        byte[] narrow = Wado.get(http, instanceUrl(ct) + "/rendered?window=40,80", Tokens.user("clinic1"), "image/png").body();
        byte[] wide = Wado.get(http, instanceUrl(ct) + "/rendered?window=40,2000", Tokens.user("clinic1"), "image/png").body();
        assertThat(narrow).isNotEqualTo(wide);
    }

    @Test
    void makesSmallThumbnailsOfInstancesSeriesAndStudies() throws Exception {
        String study = "/dicom-web/studies/" + ct.studyInstanceUid();
        for (String path : new String[] {instanceUrl(ct) + "/thumbnail", study + "/series/" + ct.seriesInstanceUid()
                + "/thumbnail", study + "/thumbnail"}) {
            HttpResponse<byte[]> r = Wado.get(http, path, Tokens.user("clinic1"), "image/jpeg");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            BufferedImage thumb = image(r);
            assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).as(path).isLessThanOrEqualTo(128);
        }
        assertThat(image(Wado.get(http, instanceUrl(ct) + "/thumbnail?viewport=64,64", Tokens.user("clinic1"), null))
                .getWidth()).isLessThanOrEqualTo(64);
    }

    @Test
    void refusesBadWindowsViewportsAndMediaTypes() {
        for (String q : new String[] {"window=40", "window=a,b", "window=40,0", "window=40,400,sigmoid", "viewport=0,0",
                "viewport=99999,1"}) {
            assertThat(Wado.get(http, instanceUrl(ct) + "/rendered?" + q, Tokens.user("clinic1"), null).statusCode())
                    .as(q).isEqualTo(400);
        }
        assertThat(Wado.get(http, instanceUrl(ct) + "/rendered", Tokens.user("clinic1"), "image/gif").statusCode())
                .isEqualTo(406);
    }

    @Test
    void saysWhenATransferSyntaxCannotBeRendered() throws Exception {
        Path jls = Samples.file("test_files/MR_small_jpeg_ls_lossless.dcm");
        InstanceIdentity id = DicomInstance.readHeader(jls).identity();
        Stow.files(http, Tokens.user("clinic1"), List.of(jls));
        // the samples share this SOP Instance UID across syntaxes: whichever was stored first is kept
        String stored = index.findInstance(id.sopInstanceUid()).orElseThrow().transferSyntaxUid();
        HttpResponse<byte[]> r = Wado.get(http, instanceUrl(id) + "/rendered", Tokens.user("clinic1"), null);
        if (FrameDecoder.canDecode(stored)) {
            assertThat(r.statusCode()).isEqualTo(200);
        } else {
            assertThat(r.statusCode()).isEqualTo(406);
            assertThat(new String(r.body())).contains(stored);
        }
    }

    @Test
    void hidesOtherHospitalsImages() {
        assertThat(Wado.get(http, instanceUrl(ct) + "/rendered", Tokens.user("clinic2"), null).statusCode()).isEqualTo(404);
        assertThat(Wado.get(http, instanceUrl(ct) + "/thumbnail", Tokens.user("auditor1"), null).statusCode()).isEqualTo(403);
    }
}
