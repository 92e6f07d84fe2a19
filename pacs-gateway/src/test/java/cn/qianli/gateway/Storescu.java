package cn.qianli.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** DCMTK storescu as the modality. */
public final class Storescu {

    /** What storescu did: exit code, and the files the SCP answered with success, in order. */
    public record Result(int exitCode, List<Path> stored, List<String> output) {
    }

    private Storescu() {
    }

    /**
     * Sends {@code files} (files or folders) with an association profile proposing each file's own
     * (SOP class, transfer syntax), so storescu sends compressed data as it is instead of failing
     * to decompress it.
     */
    public static Result send(String callingAe, int port, Path... files) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")), "skipped: DCMTK storescu not installed");
        List<Path> all = new ArrayList<>();
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                try (var list = Files.list(f)) {
                    list.filter(Files::isRegularFile).sorted().forEach(all::add);
                }
            } else {
                all.add(f);
            }
        }
        Path profile = Files.createTempFile("storescu-", ".cfg");
        try {
            Files.writeString(profile, profile(all));
            return run(callingAe, port, profile, all);
        } finally {
            Files.deleteIfExists(profile);
        }
    }

    /**
     * What storescu puts on the wire for {@code files}: DCMTK's storescp receives them
     * bit-preserving into {@code into}; storescu re-encodes some data sets it parses (deflate,
     * odd padding), so this, not the file on disk, is what a receiver can be compared with. Each
     * instance gets a file of its own, also when several share one SOP Instance UID.
     */
    public static Result capture(Path into, Path... files) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescp")), "skipped: DCMTK storescp not installed");
        Files.createDirectories(into);
        int port = OrthancPeer.freePort();
        ProcessBuilder builder = new ProcessBuilder("storescp", "-aet", "QIANLI_GW", "+B", "+xa", "+uf", "-od",
                into.toString(), String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(into.resolveSibling("storescp.log").toFile());
        builder.environment().put("TCP_NODELAY", "1");
        Process storescp = builder.start();
        try {
            for (int i = 0; i < 100; i++) {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                    break;
                } catch (java.io.IOException e) {
                    Thread.sleep(50);
                }
            }
            return send("CAPTURE", port, files);
        } finally {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String profile(List<Path> files) {
        java.util.Map<String, Integer> syntaxes = new java.util.LinkedHashMap<>();
        java.util.Set<String> contexts = new java.util.LinkedHashSet<>();
        for (Path f : files) {
            try {
                var meta = cn.qianli.dicom.part10.Part10Header.read(f).meta();
                syntaxes.putIfAbsent(meta.transferSyntaxUid(), syntaxes.size());
                contexts.add(meta.mediaStorageSopClassUid() + "\\TS" + syntaxes.get(meta.transferSyntaxUid()));
            } catch (java.io.IOException e) {
                // storescu will refuse it too
            }
        }
        StringBuilder cfg = new StringBuilder("[[TransferSyntaxes]]\n");
        syntaxes.forEach((uid, i) -> cfg.append("[TS").append(i).append("]\nTransferSyntax1 = ").append(uid).append("\n"));
        cfg.append("[[PresentationContexts]]\n[Own]\n");
        int n = 1;
        for (String pc : contexts) {
            cfg.append("PresentationContext").append(n++).append(" = ").append(pc).append("\n");
        }
        cfg.append("[[Profiles]]\n[Own]\nPresentationContexts = Own\n");
        return cfg.toString();
    }

    private static Result run(String callingAe, int port, Path profile, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-nh", "-aet", callingAe,
                "-aec", "QIANLI_GW", "-xf", profile.toString(), "Own", "127.0.0.1", String.valueOf(port)));
        for (Path f : files) {
            command.add(f.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        List<Path> stored = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            Path current = null;
            for (String line; (line = in.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("I: Sending file: ")) {
                    current = Path.of(line.substring("I: Sending file: ".length()).strip());
                } else if (line.startsWith("I: Received Store Response (Success") && current != null) {
                    stored.add(current);
                    current = null;
                }
            }
        } finally {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return new Result(process.exitValue(), stored, output);
    }
}
