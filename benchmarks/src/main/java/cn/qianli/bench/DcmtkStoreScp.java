package cn.qianli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DCMTK's storescp, the speed reference: a child process that writes each instance to its own
 * file, forking a child per association ({@code --fork}) so several associations run at once.
 */
final class DcmtkStoreScp implements StoreTarget {

    private final Process process;
    private final int port;
    private final Path output;

    DcmtkStoreScp(Path work, int port) throws IOException, InterruptedException {
        this.port = port;
        this.output = work.resolve("storescp-out");
        Files.createDirectories(output);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                "storescp", "--fork", "-aet", aeTitle(), "-od", output.toString(), "+xa",
                Integer.toString(port)));
        builder.environment().put("TCP_NODELAY", "1");
        builder.redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile());
        this.process = builder.start();
        Ports.awaitListening(port, process);
    }

    @Override
    public String name() {
        return "DCMTK storescp";
    }

    @Override
    public String aeTitle() {
        return "STORESCP";
    }

    @Override
    public int port() {
        return port;
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
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
