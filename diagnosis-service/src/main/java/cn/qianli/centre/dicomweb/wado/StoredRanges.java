package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/**
 * The body of a part made of byte ranges of a stored object (a frame's fragments, a bulk data
 * value), read from the store range by range, never as the whole object.
 */
final class StoredRanges {

    private StoredRanges() {
    }

    /** {@code ranges} as {offset, length} pairs, one after the other; each opened when the one before it is sent. */
    static InputStream of(ObjectStore store, String key, List<long[]> ranges) {
        Iterator<long[]> next = ranges.iterator();
        return new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                long[] range = next.next();
                try {
                    return store.readRange(key, range[0], range[1]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
