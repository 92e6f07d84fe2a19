package cn.qianli.centre.dicomweb.stow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.StoredInstance;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.synthetic.SyntheticCt;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Two senders racing with different bytes under one SOP Instance UID: one wins, whole and alone. */
class StowConcurrencyTests extends CentreTest {

    @LocalServerPort
    int port;

    @Autowired
    ArchiveIndex index;

    @Autowired
    ObjectStore store;

    @TempDir
    Path temp;

    @Test
    void oneOfTwoRacingVersionsIsStoredAndTheOtherIsAConflict() throws Exception {
        Path file = SyntheticCt.study("RACE-" + System.nanoTime(), "Gao^Yu").size(16, 16).slices(1)
                .writeTo(Files.createTempDirectory(temp, "ct")).get(0);
        InstanceIdentity id = DicomInstance.readHeader(file).identity();
        byte[] a = Files.readAllBytes(file);
        byte[] b = a.clone();
        b[b.length - 1] ^= 0x55;
        Http http = new Http(port);
        String token = Tokens.user("clinic1");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Stow.Answer>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                byte[] body = Stow.body(List.of(i % 2 == 0 ? a : b));
                answers.add(pool.submit(() -> {
                    start.await();
                    return Stow.send(http, "/dicom-web/studies", token, Stow.CONTENT_TYPE, body);
                }));
            }
            start.countDown();
        }
        StoredInstance row = index.findInstance(id.sopInstanceUid()).orElseThrow();
        byte[] winner = row.sha256().equals(sha256(a)) ? a : b;
        try (InputStream in = store.read(row.objectKey())) {
            assertThat(in.readAllBytes()).isEqualTo(winner);
        }
        int successes = 0;
        for (Future<Stow.Answer> f : answers) {
            Stow.Answer answer = f.get();
            if (answer.status() == 200) {
                successes++;
            } else {
                assertThat(answer.status()).isEqualTo(409);
                assertThat(answer.failureReasons()).containsExactly(StowTests.DUPLICATE_SOP_INSTANCE);
            }
        }
        assertThat(successes).isEqualTo(4);
        // the loser's objects were removed: one object remains under this instance's key prefix
        Path dir = WORK.resolve("objects").resolve(id.studyInstanceUid()).resolve(id.seriesInstanceUid());
        try (Stream<Path> objects = Files.list(dir)) {
            assertThat(objects.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id.sopInstanceUid() + "_")))
                    .containsExactly(id.sopInstanceUid() + "_" + row.sha256() + ".dcm");
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
