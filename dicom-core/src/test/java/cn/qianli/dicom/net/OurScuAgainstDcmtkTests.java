package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.part10.Part10Header;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our SCU against DCMTK's storescp and dcmqrscp. */
class OurScuAgainstDcmtkTests {

    @TempDir
    Path work;

    @Test
    void storesEverySampleToStorescpByteIdentical() throws Exception {
        Dcmtk.assumeInstalled("storescp");
        List<Path> files = Samples.part10();
        Path received = Files.createDirectories(work.resolve("received"));
        int port = Dcmtk.freePort();
        Process storescp = Dcmtk.start(work, "storescp", "-aet", "STORESCP", "+B", "+uf", "+xa", "-pm", "-od",
                received.toString(), String.valueOf(port));
        List<String> notAccepted = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        try {
            Dcmtk.awaitListening(port, storescp);
            try (ClientAssociation association = DicomClient.connect(ClientConfig.defaults("QIANLI_SCU"), "127.0.0.1",
                    port, "STORESCP", ProposedContext.forFiles(files))) {
                for (Path file : files) {
                    if (Samples.oddLength(file)) {
                        notAccepted.add(file.getFileName() + " (odd length, refused by our SCU)");
                        continue;
                    }
                    try {
                        assertThat(association.store(file).isSuccess()).as(file.toString()).isTrue();
                        sent.add(Samples.sentDigest(file));
                    } catch (NoPresentationContextException e) {
                        notAccepted.add(file.getFileName() + " (" + Part10Header.read(file).meta().transferSyntaxUid()
                                + ")");
                    }
                }
            }
        } finally {
            Dcmtk.stop(storescp);
        }
        System.out.println("not sent: " + notAccepted);
        List<String> digests = new ArrayList<>();
        try (Stream<Path> list = Files.list(received)) {
            for (Path file : list.toList()) {
                digests.add(Samples.dataSetDigest(file));
            }
        }
        assertThat(digests).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(sent.size() + notAccepted.size()).isEqualTo(files.size());
        assertThat(sent).hasSizeGreaterThan(files.size() * 3 / 4);
    }

    @Test
    void findsStudiesInDcmqrscp() throws Exception {
        Dcmtk.assumeInstalled("dcmqrscp");
        Dcmtk.assumeInstalled("dcmqridx");
        List<Path> files = Stream.of("CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "chrX1.dcm", "JPEG2000.dcm")
                .map(Samples::sample).toList();
        Map<String, String> expected = new TreeMap<>();
        for (Path file : files) {
            AttributeList list = new AttributeList();
            list.read(file.toString(), TagFromName.PixelData);
            expected.put(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyInstanceUID),
                    Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientID));
        }
        Path database = Files.createDirectories(work.resolve("db"));
        int port = Dcmtk.freePort();
        Path config = work.resolve("dcmqrscp.cfg");
        Files.writeString(config, """
                NetworkTCPPort  = %d
                MaxPDUSize      = 16384
                MaxAssociations = 4

                HostTable BEGIN
                HostTable END

                VendorTable BEGIN
                VendorTable END

                AETable BEGIN
                DCMQRSCP  %s  RW (20, 64mb)  ANY
                AETable END
                """.formatted(port, database));
        List<String> index = new ArrayList<>(List.of("dcmqridx", database.toString()));
        files.forEach(f -> index.add(f.toString()));
        Dcmtk.Result indexed = Dcmtk.run(work, Duration.ofSeconds(60), index.toArray(String[]::new));
        assertThat(indexed.exitCode()).as(indexed.output()).isZero();

        Process dcmqrscp = Dcmtk.start(work, "dcmqrscp", "-s", "-c", config.toString());
        try {
            Dcmtk.awaitListening(port, dcmqrscp);
            QueryKeys query = QueryKeys.empty().with(Tag.QueryRetrieveLevel, "STUDY").with(Tag.StudyInstanceUID, "")
                    .with(Tag.PatientID, "").with(Tag.PatientName, "");
            try (ClientAssociation association = DicomClient.connect(ClientConfig.defaults("QIANLI_SCU"), "127.0.0.1",
                    port, "DCMQRSCP", List.of(ProposedContext.studyRootFind()))) {
                List<QueryKeys> matches = association.find(query);
                Map<String, String> found = matches.stream().collect(Collectors.toMap(
                        m -> m.get(Tag.StudyInstanceUID), m -> m.get(Tag.PatientID), (a, b) -> a, TreeMap::new));
                assertThat(found).isEqualTo(expected);
                assertThat(matches).allSatisfy(m -> assertThat(m.get(Tag.QueryRetrieveLevel)).isEqualTo("STUDY"));
                Set<String> names = matches.stream().map(m -> m.get(Tag.PatientName)).collect(Collectors.toSet());
                assertThat(names).contains("Wang^XiaoDong=王^小東=");

                List<QueryKeys> one = association.find(query.with(Tag.PatientID, expected.values().iterator().next()));
                assertThat(one).isNotEmpty().allSatisfy(m -> assertThat(m.get(Tag.PatientID))
                        .isEqualTo(expected.values().iterator().next()));
            }
        } finally {
            Dcmtk.stop(dcmqrscp);
        }
    }
}
