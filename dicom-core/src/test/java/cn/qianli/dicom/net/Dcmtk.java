package cn.qianli.dicom.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs DCMTK tools as real peers, with TCP_NODELAY=1 as DCMTK needs to turn Nagle off. */
final class Dcmtk {

    private Dcmtk() {
    }

    /** Skips the test when {@code tool} is not installed. */
    static void assumeInstalled(String tool) {
        boolean found = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        assumeTrue(found, "skipped: DCMTK " + tool + " not installed");
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a tool to completion (killed after {@code timeout}). */
    static Result run(Path workDir, Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, command[0], ".log");
        Process process = builder(workDir, log, command).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command[0] + " did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            stop(process);
        }
    }

    /** Starts a long-running tool (a peer SCP); stop it with {@link #stop}. */
    static Process start(Path workDir, String... command) throws IOException {
        Path log = workDir.resolve(command[0] + ".log");
        return builder(workDir, log, command).start();
    }

    private static ProcessBuilder builder(Path workDir, Path log, String... command) {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        return pb;
    }

    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until something listens on 127.0.0.1:port. */
    static void awaitListening(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("peer exited with " + process.exitValue());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listening on " + port);
    }


}
