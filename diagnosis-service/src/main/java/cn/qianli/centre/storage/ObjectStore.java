package cn.qianli.centre.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The archive's storage area. Keys are relative paths of letters, digits, {@code . _ -} and
 * {@code /}; a key never names anything outside the store.
 */
public interface ObjectStore {

    Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** Stores the whole of {@code source} under {@code key}; it is durable when this returns. */
    void create(String key, Path source) throws IOException;

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
