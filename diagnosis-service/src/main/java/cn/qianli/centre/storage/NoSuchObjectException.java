package cn.qianli.centre.storage;

import java.io.IOException;

/** The store has no object under the key. */
public class NoSuchObjectException extends IOException {

    public NoSuchObjectException(String key) {
        super("no stored object " + key);
    }
}
