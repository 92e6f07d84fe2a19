package cn.qianli.centre.dicomweb.wado;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.Samples;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.dicomweb.Wado;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.Tag;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The BulkDataURIs in metadata lead to the values. */
class BulkDataTests extends CentreTest {

    @LocalServerPort
    int port;

    @Test
    void followsThePixelDataBulkDataUriToTheStoredValue() throws Exception {
        Http http = new Http(port);
        Path file = Samples.file("test_files/CT_small.dcm");
        Stow.files(http, Tokens.user("clinic1"), List.of(file));
        DicomInstance instance = DicomInstance.read(file);
        InstanceIdentity id = instance.identity();
        String url = "/dicom-web/studies/" + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid()
                + "/instances/" + id.sopInstanceUid();
        String uri = JsonMapper.builder().build().readTree(Wado.get(http, url + "/metadata", Tokens.user("clinic1"),
                null).body()).path(0).path("7FE00010").path("BulkDataURI").asString();
        assertThat(uri).endsWith(url + "/bulkdata/7FE00010");

        List<Wado.Part> parts = Wado.parts(Wado.get(http, URI.create(uri).getPath(), Tokens.user("radiologist1"), null));
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).body()).isEqualTo(instance.dataSet().get(Tag.PixelData).bytes());

        assertThat(Wado.get(http, url + "/bulkdata/7FE0", Tokens.user("clinic1"), null).statusCode()).isEqualTo(400);
        assertThat(Wado.get(http, url + "/bulkdata/7FE00008", Tokens.user("clinic1"), null).statusCode()).isEqualTo(404);
        assertThat(Wado.get(http, url + "/bulkdata/7FE00010", Tokens.user("clinic2"), null).statusCode()).isEqualTo(404);
    }
}
