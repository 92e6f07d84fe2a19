package cn.qianli.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaImportTests {

    @TempDir
    Path temp;

    private Spool spool() throws Exception {
        return Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
    }

    @Test
    void importsEveryInstanceOnAMediaTreeAndSkipsTheDicomdirAndOtherFiles() throws Exception {
        Path media = temp.resolve("cdrom");
        SyntheticCt.study("H001-0010", "测试^十").size(32, 32).slices(4).writeTo(media.resolve("DICOM/ST1/SE1"));
        Files.writeString(media.resolve("DICOMDIR"), "not read: the walk finds the referenced files itself");
        Files.writeString(media.resolve("README.TXT"), "viewer instructions");
        Spool spool = spool();
        MediaImport.Result result = new MediaImport(spool, Clock.systemUTC()).importFrom(media);
        assertThat(result.imported()).isEqualTo(4);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.failed()).isEmpty();
        assertThat(spool.state().queueDepth()).isEqualTo(4);
        try (Stream<Path> left = Files.walk(media)) {
            assertThat(left.filter(Files::isRegularFile).count()).as("media left untouched").isEqualTo(6);
        }
    }

    @Test
    void drainsSettledFilesFromTheDropFolderAndSetsAsideWhatIsNotDicom() throws Exception {
        Path drop = temp.resolve("drop");
        List<Path> files = SyntheticCt.study("H001-0011", "测试^十一").size(32, 32).slices(3).writeTo(drop);
        Path junk = Files.writeString(drop.resolve("notes.txt"), "x");
        Path fresh = files.get(2);
        Instant old = Instant.now().minusSeconds(60);
        for (Path f : List.of(files.get(0), files.get(1), junk)) {
            Files.setLastModifiedTime(f, FileTime.from(old));
        }
        Spool spool = spool();
        new MediaImport(spool, Clock.systemUTC()).drain(drop, Duration.ofSeconds(30));
        assertThat(spool.state().queueDepth()).isEqualTo(2);
        assertThat(Files.exists(files.get(0))).isFalse();
        assertThat(Files.exists(fresh)).as("a file still being written is left alone").isTrue();
        assertThat(Files.exists(drop.resolve(".rejected/notes.txt"))).isTrue();
    }
}
