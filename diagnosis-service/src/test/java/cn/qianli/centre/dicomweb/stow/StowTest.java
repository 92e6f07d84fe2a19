package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.StoredInstance;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the STOW-RS tests share: a client of the running centre, its index and store, and new studies to send. */
abstract class StowTest extends CentreTest {

    static final int CANNOT_UNDERSTAND = 0xC000;
    static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    static final int NOT_AUTHORIZED = 0x0124;

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    @Autowired
    ObjectStore store;

    @Autowired
    DataSource db;

    @TempDir
    Path temp;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** A new CT study of {@code slices} slices of size x size for a new patient. */
    List<Path> newStudy(int slices, int size, String patientName) throws IOException {
        return SyntheticCt.study("P-" + System.nanoTime(), patientName).size(size, size).slices(slices)
                .writeTo(Files.createTempDirectory(temp, "ct"));
    }

    static String sop(Path file) throws Exception {
        return DicomInstance.readHeader(file).identity().sopInstanceUid();
    }

    static String study(Path file) throws Exception {
        return DicomInstance.readHeader(file).identity().studyInstanceUid();
    }

    /** The stored object of an indexed instance. */
    byte[] stored(String sop) throws IOException {
        StoredInstance row = index.findInstance(sop).orElseThrow();
        try (InputStream in = store.read(row.objectKey())) {
            return in.readAllBytes();
        }
    }
}
