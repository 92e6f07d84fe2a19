package cn.qianli.centre.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param kind {@code filesystem} (QIANLI_STORAGE default) or {@code s3}
 * @param dir  root directory of the filesystem store (QIANLI_STORAGE_DIR)
 * @param s3   the S3 endpoint, used when kind is s3
 */
@ConfigurationProperties("qianli.storage")
public record StorageProperties(Kind kind, String dir, S3 s3) {

    public enum Kind { FILESYSTEM, S3 }

    public StorageProperties {
        kind = kind == null ? Kind.FILESYSTEM : kind;
        s3 = s3 == null ? new S3(null, null, null, null, null) : s3;
    }

    /**
     * @param endpoint  e.g. {@code http://127.0.0.1:9000} (QIANLI_S3_ENDPOINT)
     * @param accessKey QIANLI_S3_ACCESS_KEY
     * @param secretKey QIANLI_S3_SECRET_KEY
     * @param bucket    created when missing (QIANLI_S3_BUCKET)
     * @param region    signing region (QIANLI_S3_REGION)
     */
    public record S3(String endpoint, String accessKey, String secretKey, String bucket, String region) {
        public S3 {
            bucket = bucket == null || bucket.isBlank() ? "qianli" : bucket;
            region = region == null || region.isBlank() ? "us-east-1" : region;
        }
    }
}
