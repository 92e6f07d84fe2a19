package cn.qianli.centre.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The archive's storage area. Keys are relative paths of letters, digits, {@code . _ -} and
 * {@code /}; a key never names anything outside the store.
 */
public interface ObjectStore {

    Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /**
     * An object written ahead of its key: received whole by the store, not yet readable under any
     * key. It is published under a key by {@link #publish(Map)}, or discarded when closed.
     */
    interface Staged extends AutoCloseable {

        /** Discards the object unless it was published. */
        @Override
        void close() throws IOException;
    }

    /**
     * Stages {@code length} bytes of {@code content} from {@code offset}. The store may keep
     * reading the array until the staged object is published or closed: the caller leaves it
     * unchanged until then.
     */
    Staged stage(byte[] content, int offset, int length) throws IOException;

    /** Stages the whole of {@code source}, which the caller keeps until the staged object is published or closed. */
    Staged stage(Path source) throws IOException;

    /**
     * Publishes each staged object under its key, replacing an object there. Returns the keys
     * that failed, each with why; every other object is durable and readable under its key when
     * this returns. A staged object is published once; closing it afterwards keeps it.
     */
    Map<String, IOException> publish(Map<String, Staged> objects);

    /** Stores the whole of {@code source} under {@code key}; it is durable when this returns. */
    default void create(String key, Path source) throws IOException {
        checkKey(key);
        try (Staged staged = stage(source)) {
            IOException failed = publish(Map.of(key, staged)).get(key);
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** The whole object; {@link NoSuchObjectException} if there is none. */
    InputStream read(String key) throws IOException;

    /** {@code length} bytes from {@code offset} (fewer at the end of the object). */
    InputStream readRange(String key, long offset, long length) throws IOException;

    /** Removes the object; removing a missing object is not an error. */
    void remove(String key) throws IOException;

    static String checkKey(String key) {
        if (key == null || key.length() > 512 || !KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a valid object key: " + key);
        }
        return key;
    }

    static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length);
        }
    }
}
