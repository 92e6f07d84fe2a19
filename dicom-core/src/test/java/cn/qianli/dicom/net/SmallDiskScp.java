package cn.qianli.dicom.net;

import cn.qianli.dicom.net.dimse.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An SCP run by {@link DiskFullTests} in a child JVM whose spool is a tiny tmpfs: prints
 * {@code PORT n}, serves until stdin closes, then prints {@code FILES} and the spool's names.
 */
final class SmallDiskScp {

    private SmallDiskScp() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.defaults("SMALL_DISK", Path.of(args[0])).withBindAddress("127.0.0.1", 0);
        try (DicomServer server = DicomServer.builder(config).onStore(instance -> Status.SUCCESS).start()) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            System.out.println("FILES " + String.join(" ", files.map(f -> f.getFileName().toString()).sorted().toList()));
        }
    }
}
