package cn.qianli.centre.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.centre.storage.S3ArchiveTests;
import cn.qianli.centre.storage.S3ObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SampleRoundTripTests} with the objects in a real S3 server (S3Proxy, which checks signatures). */
class SampleRoundTripOnS3Tests extends SampleRoundTripTests {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3ArchiveTests.s3Storage(registry);
    }

    @Autowired
    ObjectStore store;

    @BeforeEach
    void storesInS3() {
        assertThat(store).isInstanceOf(S3ObjectStore.class);
    }
}
