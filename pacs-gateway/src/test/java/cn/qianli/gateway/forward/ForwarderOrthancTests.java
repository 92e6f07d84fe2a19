package cn.qianli.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.gateway.OrthancPeer;
import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Quarantined;
import cn.qianli.gateway.spool.Spool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarding to a third-party STOW-RS server: Orthanc with its DICOMweb plugin. */
class ForwarderOrthancTests {

    @TempDir
    Path temp;

    @Test
    void deliversEverySampleByteIdenticalExactlyOnceAndQuarantinesTheMalformed() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp)) {
            Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
            Map<String, byte[]> sent = Samples.spool(spool, Samples.files());
            try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(orthanc.baseUri(), false),
                    BearerTokens.NONE, Clock.systemUTC())) {
                forwarder.start();
                Samples.awaitDrained(spool, 120);
            }
            assertThat(spool.state().queueDepth()).isZero();
            Map<String, byte[]> stored = orthanc.instances();
            Set<String> quarantined = spool.state().quarantined().stream()
                    .map(Quarantined::sopInstanceUid).collect(Collectors.toSet());
            assertThat(stored.size() + quarantined.size()).isEqualTo(sent.size());
            assertThat(orthanc.instanceCount()).isEqualTo(stored.size());
            stored.forEach((uid, bytes) -> assertThat(bytes).as(uid).isEqualTo(sent.get(uid)));
            assertThat(stored).containsKeys(
                    "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");
            assertThat(spool.state().quarantined()).allSatisfy(q -> assertThat(q.reason()).startsWith("HTTP 400"));
            assertThat(stored.size()).isGreaterThan(sent.size() / 2);
        }
    }

    @Test
    void fallsBackToUncompressedBodiesWhenTheServerDoesNotDecodeGzip() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(temp)) {
            Spool spool = Spool.open(temp.resolve("spool"), 0, new DicomCoreReader(), Clock.systemUTC());
            Map<String, byte[]> sent = Samples.spool(spool, SyntheticCt.study("H001-0019", "测试^十九")
                    .size(64, 64).slices(6).writeTo(temp.resolve("ct")));
            // Orthanc 1.10 does not decode a gzip request body: it answers 200 with an empty ReferencedSOPSequence
            try (Forwarder forwarder = new Forwarder(spool, TestCentres.at(orthanc.baseUri(), true),
                    BearerTokens.NONE, Clock.systemUTC())) {
                forwarder.start();
                Samples.awaitDrained(spool, 60);
                assertThat(forwarder.gzipInUse()).isFalse();
            }
            assertThat(spool.state().quarantined()).isEmpty();
            Map<String, byte[]> stored = orthanc.instances();
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            sent.forEach((uid, bytes) -> assertThat(stored.get(uid)).isEqualTo(bytes));
        }
    }
}
