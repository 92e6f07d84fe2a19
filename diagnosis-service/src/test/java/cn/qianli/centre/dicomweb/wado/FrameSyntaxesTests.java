package cn.qianli.centre.dicomweb.wado;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameSyntaxesTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                                                                              | *
            '*/*'                                                                             | *
            multipart/*                                                                       | *
            'multipart/related; type="application/octet-stream"; transfer-syntax=*'           | *
            'multipart/related; type="application/octet-stream"'                              | 1.2.840.10008.1.2.1
            'multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5' | 1.2.840.10008.1.2.5
            application/octet-stream                                                          | 1.2.840.10008.1.2.1
            'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.4.90, multipart/related; type="application/octet-stream"; transfer-syntax=*; q=0.5' | 1.2.840.10008.1.2.4.90 *
            'multipart/related; type="application/octet-stream"; transfer-syntax=*; q=0.2, multipart/related; type="application/octet-stream"; q=0.9' | 1.2.840.10008.1.2.1 *
            'multipart/related; type="application/octet-stream"; transfer-syntax=*; q=0'      | ''
            'multipart/related; type="image/jpeg"'                                            | ''
            'image/png, application/dicom+json'                                               | ''
            'multipart/related; type="application/octet-stream"; q=banana'                    | ''
            """)
    void readsTheTransferSyntaxesAFramesRequestAccepts(String accept, String expected) {
        List<String> want = expected == null || expected.isBlank() ? List.of() : List.of(expected.split(" "));
        assertThat(FrameSyntaxes.accepted(accept)).isEqualTo(want);
    }
}
