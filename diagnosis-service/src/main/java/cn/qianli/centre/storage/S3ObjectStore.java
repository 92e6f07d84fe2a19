package cn.qianli.centre.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** Content held until it is published: S3 has no rename, so an object is only sent once its key is known. */
    private final class Held implements Staged {
        final byte[] bytes;
        final int offset;
        final int length;
        final Path file;
        boolean published;

        Held(byte[] bytes, int offset, int length, Path file) {
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
            this.file = file;
        }

        S3ObjectStore owner() {
            return S3ObjectStore.this;
        }

        void upload(String key) throws IOException {
            if (file != null) {
                call(() -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                        .filename(file.toString()).contentType("application/dicom").build()), key);
            } else {
                call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(new ByteArrayInputStream(bytes, offset, length), length, -1)
                        .contentType("application/dicom").build()), key);
            }
            published = true;
        }

        @Override
        public void close() {
            // nothing was sent before publishing
        }
    }

    @Override
    public Staged stage(byte[] content, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, content.length);
        return new Held(content, offset, length, null);
    }

    @Override
    public Staged stage(Path source) {
        return new Held(null, 0, 0, source);
    }

    /** Sends the objects side by side; each is durable in the object store when its request is answered. */
    @Override
    public Map<String, IOException> publish(Map<String, Staged> objects) {
        for (var o : objects.entrySet()) {
            ObjectStore.checkKey(o.getKey());
            if (!(o.getValue() instanceof Held h) || h.published || h.owner() != this) {
                throw new IllegalArgumentException("not an unpublished object staged in this store: " + o.getKey());
            }
        }
        Map<String, Future<?>> uploads = new LinkedHashMap<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            objects.forEach((key, staged) -> uploads.put(key, senders.submit(() -> {
                ((Held) staged).upload(key);
                return null;
            })));
        }
        Map<String, IOException> failed = new LinkedHashMap<>();
        uploads.forEach((key, upload) -> {
            try {
                upload.get();
            } catch (ExecutionException e) {
                failed.put(key, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(key, new InterruptedIOException("interrupted while sending " + key));
            }
        });
        return failed;
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
