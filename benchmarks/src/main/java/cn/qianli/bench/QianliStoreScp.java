package cn.qianli.bench;

import cn.qianli.dicom.net.DicomServer;
import cn.qianli.dicom.net.ServerConfig;
import cn.qianli.dicom.net.dimse.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our C-STORE SCP in this JVM, configured as the gateway runs it except for fsync, which is
 * measured both ways: off (as storescp, which never forces its files) and on (the gateway's
 * guarantee). The handler keeps each file where the server wrote it.
 */
final class QianliStoreScp implements StoreTarget {

    private final DicomServer server;
    private final Path output;
    private final boolean fsync;

    private QianliStoreScp(DicomServer server, Path output, boolean fsync) {
        this.server = server;
        this.output = output;
        this.fsync = fsync;
    }

    static QianliStoreScp start(Path work, boolean fsync) throws IOException {
        Path output = work.resolve(fsync ? "qianli-fsync-out" : "qianli-out");
        Files.createDirectories(output);
        ServerConfig config = ServerConfig.defaults("QIANLI_GW", output)
                .withBindAddress("127.0.0.1", 0)
                .withFsync(fsync);
        DicomServer server = DicomServer.builder(config).onStore(instance -> Status.SUCCESS).start();
        return new QianliStoreScp(server, output, fsync);
    }

    @Override
    public String name() {
        return fsync ? "Qianli SCP (fsync on)" : "Qianli SCP (fsync off)";
    }

    @Override
    public String aeTitle() {
        return "QIANLI_GW";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void reset() throws IOException {
        Corpus.deleteTree(output);
        Files.createDirectories(output);
    }

    @Override
    public long received() throws IOException {
        return Corpus.countFiles(output);
    }

    @Override
    public void close() {
        server.close();
    }
}
