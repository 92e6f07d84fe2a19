package cn.qianli.centre.storage;

import cn.qianli.localservices.LocalS3;
import cn.qianli.localservices.LocalServices;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract against a real S3 server (S3Proxy, signatures checked). */
@ExtendWith(LocalServices.class)
class S3ObjectStoreTests extends ObjectStoreContract {

    S3ObjectStore store;

    @BeforeEach
    void open(LocalS3 s3) throws IOException {
        store = new S3ObjectStore(new StorageProperties.S3(s3.endpoint(), s3.accessKey(), s3.secretKey(),
                "contract-tests", s3.region()));
    }

    @Override
    ObjectStore store() {
        return store;
    }
}
