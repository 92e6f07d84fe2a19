package cn.qianli.gateway.media;

import cn.qianli.gateway.spool.InvalidInstanceException;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpoolFullException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a folder and stores every readable Part 10 instance in the spool. A DICOMDIR is not
 * needed and not trusted: the files it references are in the tree and are found by the walk;
 * the DICOMDIR file itself (a Media Storage Directory, not an image) is skipped.
 */
public final class MediaImport {

    private static final Logger log = LoggerFactory.getLogger(MediaImport.class);

    /** What an import did. */
    public record Result(int imported, int skipped, List<String> failed) {
    }

    private final Spool spool;
    private final Clock clock;

    public MediaImport(Spool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
    }

    /** Imports every instance under {@code folder}, leaving the folder as it is (read-only media). */
    public Result importFrom(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("not a folder: " + folder);
        }
        int imported = 0;
        int skipped = 0;
        List<String> failed = new ArrayList<>();
        for (Path file : files(folder)) {
            if (isDicomDir(file)) {
                skipped++;
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                spool.store(in, Files.size(file));
                imported++;
            } catch (InvalidInstanceException e) {
                skipped++;
            } catch (SpoolFullException e) {
                failed.add(folder.relativize(file) + ": " + e.getMessage());
                break;
            } catch (IOException e) {
                failed.add(folder.relativize(file) + ": " + e.getMessage());
            }
        }
        log.info(">> media import: {} instances spooled, {} files skipped, {} failed", imported, skipped,
                failed.size());
        return new Result(imported, skipped, failed);
    }

    /**
     * One look at the drop folder: files untouched for {@code settle} are imported and deleted;
     * files that are not instances are moved to {@code .rejected/}.
     */
    public void drain(Path dropFolder, Duration settle) throws IOException {
        if (!Files.isDirectory(dropFolder)) {
            return;
        }
        Path rejected = dropFolder.resolve(".rejected");
        for (Path file : files(dropFolder)) {
            if (file.startsWith(rejected)
                    || Files.getLastModifiedTime(file).toInstant().plus(settle).isAfter(clock.instant())) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                spool.store(in, Files.size(file));
            } catch (InvalidInstanceException e) {
                Files.createDirectories(rejected);
                Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                log.warn(">> drop folder: {} is not a DICOM instance, moved to .rejected", file.getFileName());
                continue;
            }
            Files.delete(file);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static boolean isDicomDir(Path file) {
        return file.getFileName().toString().toUpperCase(Locale.ROOT).equals("DICOMDIR");
    }
}
