package cn.qianli.dicom.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.part10.Part10Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The shared sample files (../shared/dicom-samples) and data set comparison. */
final class Samples {

    private Samples() {
    }

    /** The samples directory; skips the test when it is absent. */
    static Path root() {
        Path root = Path.of(System.getProperty("qianli.root", ".")).resolve("../shared/dicom-samples").normalize();
        assumeTrue(Files.isDirectory(root), "skipped: no ../shared");
        return root;
    }

    /** Every .dcm file of test_files and charset_files, sorted. */
    static List<Path> all() throws IOException {
        Path root = root();
        try (Stream<Path> files = Stream.concat(Files.list(root.resolve("test_files")),
                Files.list(root.resolve("charset_files")))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    /** The samples whose File Meta Information we can read (the ones a Part 10 sender can send). */
    static List<Path> part10() throws IOException {
        return all().stream().filter(Samples::hasMeta).toList();
    }

    static boolean hasMeta(Path file) {
        try {
            Part10Header.read(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path sample(String name) {
        Path root = root();
        Path file = root.resolve("test_files").resolve(name);
        return Files.exists(file) ? file : root.resolve("charset_files").resolve(name);
    }

    /** True when our SCU refuses the file: a data set of odd length that is not deflated (truncated). */
    static boolean oddLength(Path file) throws IOException {
        Part10Header header = Part10Header.read(file);
        return header.dataSetLength() % 2 != 0
                && !header.meta().transferSyntaxUid().equals(Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /** SHA-256 of the data set as our SCU sends it: the bytes after the meta, padded to even length. */
    static String sentDigest(Path file) throws IOException {
        return digest(file, true);
    }

    /** SHA-256 of the bytes after the File Meta Information. */
    static String dataSetDigest(Path file) throws IOException {
        return digest(file, false);
    }

    private static String digest(Path file, boolean padded) throws IOException {
        Part10Header header = Part10Header.read(file);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(header.dataSetOffset());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
            if (padded && header.dataSetLength() % 2 != 0) {
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes after the File Meta Information. */
    static byte[] dataSet(Path file) throws IOException {
        Part10Header header = Part10Header.read(file);
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOfRange(all, (int) header.dataSetOffset(), all.length);
    }
}
