package cn.qianli.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.Tag;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DCMTK findscu against our Study Root C-FIND SCP with a small in-memory index of sample files. */
class FindscuAgainstOurScpTests {

    private static final int[] STUDY_KEYS = {Tag.SpecificCharacterSet, Tag.StudyDate, Tag.AccessionNumber,
        Tag.PatientName, Tag.PatientID, Tag.StudyInstanceUID, Tag.StudyID};

    @TempDir
    Path work;

    /** Study-level records of some samples. */
    private static List<QueryKeys> index() throws Exception {
        List<QueryKeys> studies = new ArrayList<>();
        for (String name : List.of("CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "chrX1.dcm", "JPEG2000.dcm")) {
            AttributeList list = new AttributeList();
            list.read(Samples.sample(name).toString(), TagFromName.PixelData);
            Map<Integer, String> keys = new TreeMap<>();
            for (int tag : STUDY_KEYS) {
                keys.put(tag, Attribute.getDelimitedStringValuesOrEmptyString(list,
                        new AttributeTag(tag >>> 16, tag & 0xFFFF)));
            }
            studies.add(QueryKeys.of(keys));
        }
        return studies;
    }

    /** Single-value and wildcard matching (PS3.4 C.2.2.2), enough for the test. */
    private static boolean matches(QueryKeys query, QueryKeys study) {
        for (Map.Entry<Integer, String> key : query.asMap().entrySet()) {
            int tag = key.getKey();
            String wanted = key.getValue();
            if (wanted.isEmpty() || tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet) {
                continue;
            }
            String regex = Pattern.quote(wanted).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (!Pattern.matches(regex, study.get(tag) == null ? "" : study.get(tag))) {
                return false;
            }
        }
        return true;
    }

    private DicomServer server(FindHandler handler) throws Exception {
        return DicomServer.builder(ServerConfig.defaults("QIANLI_TEST", work.resolve("spool"))
                .withBindAddress("127.0.0.1", 0)).onFind(handler).start();
    }

    private static List<AttributeList> responses(Path dir) throws Exception {
        List<AttributeList> lists = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rsp")).sorted().toList()) {
                AttributeList list = new AttributeList();
                list.read(f.toString());
                lists.add(list);
            }
        }
        return lists;
    }

    @Test
    void findscuFindsStudiesByPatientIdWildcard() throws Exception {
        Dcmtk.assumeInstalled("findscu");
        List<QueryKeys> index = index();
        try (DicomServer server = server(request -> index.stream().filter(s -> matches(request.identifier(), s)))) {
            Path out = Files.createDirectories(work.resolve("all"));
            Dcmtk.Result all = Dcmtk.run(work, Duration.ofSeconds(30), "findscu", "-v", "-S", "-aet", "FINDSCU",
                    "-aec", "QIANLI_TEST", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k",
                    "PatientID", "-k", "PatientName", "-X", "-od", out.toString(), "127.0.0.1",
                    String.valueOf(server.port()));
            assertThat(all.exitCode()).as(all.output()).isZero();
            List<AttributeList> responses = responses(out);
            assertThat(responses).hasSize(index.size());
            assertThat(responses).extracting(l -> Attribute.getSingleStringValueOrEmptyString(l,
                    TagFromName.StudyInstanceUID)).containsExactlyInAnyOrderElementsOf(
                    index.stream().map(s -> s.get(Tag.StudyInstanceUID)).toList());
            assertThat(responses).extracting(l -> Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientName))
                    .contains("Wang^XiaoDong=王^小東=");

            String someId = index.get(0).get(Tag.PatientID);
            Path one = Files.createDirectories(work.resolve("one"));
            Dcmtk.Result byId = Dcmtk.run(work, Duration.ofSeconds(30), "findscu", "-S", "-aet", "FINDSCU", "-aec",
                    "QIANLI_TEST", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k",
                    "PatientID=" + someId.substring(0, someId.length() - 1) + "*", "-X", "-od", one.toString(),
                    "127.0.0.1", String.valueOf(server.port()));
            assertThat(byId.exitCode()).as(byId.output()).isZero();
            assertThat(responses(one)).isNotEmpty().allSatisfy(l -> assertThat(
                    Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID)).startsWith(
                    someId.substring(0, someId.length() - 1)));
        }
    }

    @Test
    void findscuCancelStopsTheMatches() throws Exception {
        Dcmtk.assumeInstalled("findscu");
        FindHandler slow = request -> IntStream.range(0, 200).mapToObj(i -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return QueryKeys.empty().with(Tag.StudyInstanceUID, "1.2.826.0.1.3680043.2." + (i + 1));
        });
        try (DicomServer server = server(slow)) {
            Path out = Files.createDirectories(work.resolve("cancel"));
            Dcmtk.Result result = Dcmtk.run(work, Duration.ofSeconds(60), "findscu", "-v", "-S", "--cancel", "2",
                    "-aet", "FINDSCU", "-aec", "QIANLI_TEST", "-k", "QueryRetrieveLevel=STUDY", "-k",
                    "StudyInstanceUID", "-X", "-od", out.toString(), "127.0.0.1", String.valueOf(server.port()));
            assertThat(result.output()).contains("Received Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)");
            assertThat(responses(out).size()).isBetween(2, 199);
            // the association is fine afterwards: an echo on a new one succeeds, the server still serves
            try (ClientAssociation echo = DicomClient.connect(ClientConfig.defaults("TEST"), "127.0.0.1",
                    server.port(), "QIANLI_TEST", List.of(ProposedContext.verification()))) {
                assertThat(echo.echo().isSuccess()).isTrue();
            }
        }
    }
}
