package cn.qianli.bench;

/** A C-STORE SCP under test: started once per series of runs, emptied between runs, then closed. */
interface StoreTarget extends AutoCloseable {

    String name();

    String aeTitle();

    int port();

    /** Forgets everything received so far, ready for the next run. */
    void reset() throws Exception;

    /** Instances received since the last reset. */
    long received() throws Exception;

    @Override
    void close();
}
