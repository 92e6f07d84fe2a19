package cn.qianli.bench;

import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A folder of synthetic CT instances, made once and reused across runs. */
record Corpus(String name, Path directory, List<Path> files, long bytes) {

    /** Makes (or reuses) {@code count} CT slices of rows x columns, in studies of 100 slices. */
    static Corpus ct(Path root, String name, int count, int rows, int columns) throws IOException {
        return ct(root, name, count, rows, columns, 100);
    }

    /** Makes (or reuses) {@code count} CT slices of rows x columns under {@code root/name}. */
    static Corpus ct(Path root, String name, int count, int rows, int columns, int perStudy) throws IOException {
        Path directory = root.resolve(name);
        Path done = directory.resolve(".complete");
        if (!Files.exists(done)) {
            deleteTree(directory);
            for (int made = 0, study = 1; made < count; study++) {
                int slices = Math.min(perStudy, count - made);
                SyntheticCt.study("BENCH-" + study, "测试^病人" + study)
                        .size(rows, columns)
                        .slices(slices)
                        .accessionNumber("A" + study)
                        .writeTo(directory.resolve("study" + study));
                made += slices;
            }
            Files.writeString(done, "ok");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        return new Corpus(name, directory, files, bytes);
    }

    /** Splits the files into {@code parts} folders of symbolic links, one per association. */
    List<Path> split(Path work, int parts) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            Path folder = work.resolve(name + "-part" + parts + "-" + i);
            deleteTree(folder);
            Files.createDirectories(folder);
            folders.add(folder);
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Files.createSymbolicLink(folders.get(i % parts).resolve(String.format("%06d.dcm", i)), file);
        }
        return folders;
    }

    static long countFiles(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
