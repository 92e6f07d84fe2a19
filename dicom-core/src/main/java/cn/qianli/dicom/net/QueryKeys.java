package cn.qianli.dicom.net;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A C-FIND identifier: attributes by tag ({@code cn.qianli.dicom.Tag}) with their values as text,
 * several values separated by {@code \}. An empty value is a return key / universal match.
 * Sequences are not carried. Immutable; {@link #with} returns a copy.
 *
 * <p>{@link #toString()} names the tags only, never the values (they may be patient names).
 */
public final class QueryKeys {

    private static final QueryKeys EMPTY = new QueryKeys(new TreeMap<>(Integer::compareUnsigned));

    private final NavigableMap<Integer, String> values;

    private QueryKeys(NavigableMap<Integer, String> values) {
        this.values = values;
    }

    public static QueryKeys empty() {
        return EMPTY;
    }

    /** Keys from a map of tag to value. */
    public static QueryKeys of(Map<Integer, String> values) {
        TreeMap<Integer, String> copy = new TreeMap<>(Integer::compareUnsigned);
        values.forEach((tag, value) -> copy.put(tag, value == null ? "" : value));
        return new QueryKeys(copy);
    }

    /** A copy with {@code tag} set to {@code value} ("" for a return key). */
    public QueryKeys with(int tag, String value) {
        TreeMap<Integer, String> copy = new TreeMap<>(values);
        copy.put(tag, value == null ? "" : value);
        return new QueryKeys(copy);
    }

    /** The value of {@code tag}: null when absent, "" when present without value. */
    public String get(int tag) {
        return values.get(tag);
    }

    public boolean contains(int tag) {
        return values.containsKey(tag);
    }

    /** The tags in ascending order. */
    public Set<Integer> tags() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Tag to value, in ascending tag order. */
    public Map<Integer, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryKeys other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("QueryKeys[");
        values.keySet().forEach(tag -> s.append(String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF)));
        return s.append(']').toString();
    }
}
