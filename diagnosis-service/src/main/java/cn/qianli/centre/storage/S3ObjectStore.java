package cn.qianli.centre.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Objects in one bucket of any S3 endpoint, through the MinIO client. */
public final class S3ObjectStore implements ObjectStore {

    private final MinioClient client;
    private final String bucket;

    public S3ObjectStore(StorageProperties.S3 s3) throws IOException {
        this.client = MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey()).build();
        this.bucket = s3.bucket();
        call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(s3.region()).build());
            }
            return null;
        }, bucket);
    }

    @Override
    public void create(String key, Path source) throws IOException {
        ObjectStore.checkKey(key);
        call(() -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                .filename(source.toString()).contentType("application/dicom").build()), key);
    }

    @Override
    public InputStream read(String key) throws IOException {
        ObjectStore.checkKey(key);
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), key);
    }

    @Override
    public InputStream readRange(String key, long offset, long length) throws IOException {
        ObjectStore.checkKey(key);
        ObjectStore.checkRange(offset, length);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        InputStream in = call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                .offset(offset).length(length).build()), key);
        return in == null ? InputStream.nullInputStream() : in;
    }

    @Override
    public void remove(String key) throws IOException {
        ObjectStore.checkKey(key);
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        }, key);
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(S3Call<T> call, String key) throws IOException {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
                throw new NoSuchObjectException(key);
            }
            if ("InvalidRange".equals(code)) {
                return null; // a range past the end: readRange answers no bytes
            }
            throw new IOException("S3 " + code + " for " + key, e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("S3 request failed for " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "S3 store, bucket " + bucket;
    }
}
