package cn.qianli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting one of our Spring Boot applications from its jar, waiting for its health, and stopping it. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Starts {@code java -Xmx1g -jar jar} with {@code environment} added, output to {@code log}. */
    static Process startJar(Path jar, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-jar", jar.toString()));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** Waits until {@code health} answers 200, at most {@code seconds}; fails at once if the process ends. */
    static void awaitHealthy(Process process, URI health, int seconds, String name, Path log)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < seconds * 10; i++) {
                if (!process.isAlive()) {
                    throw new IOException(name + " ended while starting; see " + log);
                }
                try {
                    if (client.send(HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
        }
        throw new IOException(name + " not healthy after " + seconds + " s; see " + log);
    }

    /** Asks the process to end, and kills it after {@code graceSeconds}. */
    static void stop(Process process, int graceSeconds) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
