package cn.qianli.bench;

import java.nio.file.Path;

/** A C-STORE SCP under test: started once, emptied between runs, stopped at the end. */
interface StoreTarget extends AutoCloseable {

    String name();

    String aeTitle();

    int port();

    /** Where the received files land; emptied before each run. */
    Path output();

    @Override
    void close();
}
