package cn.qianli.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServices.class)
class LocalS3Test {

    private static MinioClient client(LocalS3 s3, String secretKey) {
        return MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                .credentials(s3.accessKey(), secretKey).build();
    }

    @Test
    void storesAndReturnsAnObjectSignedWithSigV4(LocalS3 s3) throws Exception {
        MinioClient client = client(s3, s3.secretKey());
        byte[] body = "DICM and some pixels".getBytes(StandardCharsets.US_ASCII);
        client.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object("studies/1.2.3/1.2.3.4.dcm")
                .stream(new ByteArrayInputStream(body), body.length, -1).contentType("application/dicom").build());
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(s3.bucket())
                .object("studies/1.2.3/1.2.3.4.dcm").build())) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void hasItsBucketFromTheStart(LocalS3 s3) throws Exception {
        assertThat(client(s3, s3.secretKey()).bucketExists(BucketExistsArgs.builder().bucket(s3.bucket()).build()))
                .isTrue();
    }

    @Test
    void refusesARequestSignedWithAnotherSecret(LocalS3 s3) {
        byte[] body = {1, 2, 3};
        assertThatThrownBy(() -> client(s3, s3.secretKey() + "x").putObject(PutObjectArgs.builder()
                .bucket(s3.bucket()).object("forged").stream(new ByteArrayInputStream(body), body.length, -1).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.response().code()).isEqualTo(403);
                    assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch");
                });
    }

    @Test
    void stopsItsProcessOnClose() throws Exception {
        LocalS3 own = LocalS3.start();
        List<ProcessHandle> tree = ProcessTrees.of(own.pid());
        own.close();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(own.storage()).doesNotExist();
    }
}
