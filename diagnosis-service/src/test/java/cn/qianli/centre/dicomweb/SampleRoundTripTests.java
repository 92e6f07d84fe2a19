package cn.qianli.centre.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.pixels.FrameDecoder;
import cn.qianli.dicom.pixels.FrameLocator;
import cn.qianli.dicom.pixels.FrameTranscoder;
import cn.qianli.dicom.pixels.PixelModule;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every sample file the centre can read, each stored by STOW-RS under UIDs of its own (the
 * samples share UIDs among their encodings), then found by each QIDO-RS key it has, retrieved
 * byte for byte, its frames sent as stored and decoded, and rendered, or refused with the
 * documented answer where its transfer syntax cannot be decoded here.
 */
class SampleRoundTripTests extends CentreTest {

    private static final String OCTETS = "multipart/related; type=\"application/octet-stream\"";
    private static final String EXPLICIT_LE = Uid.EXPLICIT_VR_LITTLE_ENDIAN;
    /** Transfer syntaxes whose frames decode to exactly the samples of an uncompressed twin. */
    private static final Set<String> LOSSLESS = Set.of(Uid.EXPLICIT_VR_BIG_ENDIAN, Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            Uid.RLE_LOSSLESS, Uid.JPEG_LOSSLESS, Uid.JPEG_LOSSLESS_SV1, Uid.JPEG_2000_LOSSLESS);
    private static final Set<String> NATIVE_LE = Set.of(Uid.IMPLICIT_VR_LITTLE_ENDIAN, Uid.EXPLICIT_VR_LITTLE_ENDIAN);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    Http http;
    String reader;

    /** Original SOP Instance UID to the readable samples that share it, in name order. */
    Map<String, List<DicomInstance>> encodings;

    /** The samples whose uncompressed frames were compared with those of an uncompressed twin. */
    Set<String> twinsCompared;

    @TestFactory
    Stream<DynamicTest> everyReadableSample() throws Exception {
        http = new Http(port);
        reader = Tokens.user("radiologist1");
        encodings = new LinkedHashMap<>();
        twinsCompared = new TreeSet<>();
        List<Path> readable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Samples.root())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    DicomInstance instance = DicomInstance.read(file);
                    readable.add(file);
                    encodings.computeIfAbsent(instance.identity().sopInstanceUid(), k -> new ArrayList<>()).add(instance);
                } catch (DicomFormatException unreadable) {
                    // refused by STOW-RS with a reason: StowSamplesTests
                }
            }
        }
        assertThat(readable).hasSizeGreaterThan(60);
        Stream<DynamicTest> each = readable.stream().map(file -> {
            String name = Samples.root().relativize(file).toString();
            return DynamicTest.dynamicTest(name, () -> {
                try {
                    roundTrip(file);
                } catch (AssertionError | Exception e) {
                    // the report names dynamic tests by number only
                    throw new AssertionError(name + ": " + e.getMessage(), e);
                }
            });
        });
        // the RLE, JPEG 2000 and big endian encodings of the MR, RT dose and colour samples have uncompressed twins
        Stream<DynamicTest> twins = Stream.of(DynamicTest.dynamicTest("lossless frames matched their uncompressed twins",
                () -> assertThat(twinsCompared).contains("MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
                        "MR_small_jp2klossless.dcm", "rtdose_rle.dcm", "rtdose_rle_1frame.dcm", "rtdose_expb.dcm",
                        "rtdose_expb_1frame.dcm", "SC_rgb_small_odd_big_endian.dcm")));
        return Stream.concat(each, twins);
    }

    private void roundTrip(Path sample) throws Exception {
        DicomInstance original = DicomInstance.read(sample);
        Path copy = OwnUids.copy(sample, temp);
        byte[] bytes = Files.readAllBytes(copy);
        DicomInstance instance = DicomInstance.read(copy);
        InstanceIdentity id = instance.identity();

        Stow.Answer answer = Stow.files(http, Tokens.user("clinic1"), List.of(copy));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.referenced()).containsExactly(id.sopInstanceUid());

        foundByEachKey(instance);
        retrievedByteForByte(id, bytes);
        if (id.frames() > 0 && instance.hasPixelData()) {
            framesDecode(original, instance);
            rendered(instance);
        } else {
            String url = instanceUrl(id);
            assertThat(Wado.get(http, url + "/frames/1", reader, OCTETS + "; transfer-syntax=*").statusCode()).isEqualTo(404);
            assertThat(problem(Wado.get(http, url + "/rendered", reader, null), 404)).contains("no pixel data");
        }
    }

    private void foundByEachKey(DicomInstance instance) {
        InstanceIdentity id = instance.identity();
        String study = id.studyInstanceUid();
        String only = "StudyInstanceUID=" + study;
        assertThat(uids("/dicom-web/studies?" + only, "0020000D")).containsExactly(study);
        assertThat(uids("/dicom-web/studies?StudyInstanceUID=" + q(study + "," + OwnUids.freshUid(30)), "0020000D"))
                .containsExactly(study);
        assertThat(uids("/dicom-web/studies?StudyInstanceUID=" + q(OwnUids.freshUid(30)), "0020000D")).isEmpty();

        assertThat(uids("/dicom-web/series?SeriesInstanceUID=" + id.seriesInstanceUid(), "0020000E"))
                .containsExactly(id.seriesInstanceUid());
        assertThat(uids("/dicom-web/studies/" + study + "/series", "0020000E")).containsExactly(id.seriesInstanceUid());
        assertThat(uids("/dicom-web/instances?SOPInstanceUID=" + id.sopInstanceUid(), "00080018"))
                .containsExactly(id.sopInstanceUid());
        assertThat(uids("/dicom-web/studies/" + study + "/series/" + id.seriesInstanceUid() + "/instances?SOPClassUID="
                + id.sopClassUid(), "00080018")).containsExactly(id.sopInstanceUid());

        if (present(id.patientId())) {
            assertThat(allStudies("PatientID=" + q(id.patientId()))).contains(study);
            assertThat(uids("/dicom-web/studies?" + only + "&PatientID=" + q(id.patientId() + "X"), "0020000D")).isEmpty();
        }
        if (present(id.accessionNumber())) {
            assertThat(allStudies("AccessionNumber=" + q(id.accessionNumber()))).contains(study);
            assertThat(uids("/dicom-web/studies?" + only + "&AccessionNumber=" + q(id.accessionNumber() + "X"), "0020000D"))
                    .isEmpty();
        }
        if (present(id.patientName())) {
            String name = id.patientName();
            assertThat(allStudies("PatientName=" + q(name))).as(name).contains(study);
            for (String group : name.split("=")) {
                if (!group.isBlank()) {
                    assertThat(allStudies("PatientName=" + q(group))).as(group).contains(study);
                }
            }
            String prefix = name.substring(0, name.offsetByCodePoints(0, 1)) + "*";
            assertThat(allStudies("PatientName=" + q(prefix))).as(prefix).contains(study);
            assertThat(uids("/dicom-web/studies?" + only + "&PatientName=" + q("X" + name), "0020000D")).isEmpty();
        }
        if (present(id.studyDate())) {
            String date = id.studyDate();
            for (String range : new String[] {date, date + "-" + date, date + "-", "-" + date}) {
                assertThat(uids("/dicom-web/studies?" + only + "&StudyDate=" + range, "0020000D")).as(range)
                        .containsExactly(study);
            }
            String before = String.valueOf(Integer.parseInt(date) - 1);
            assertThat(uids("/dicom-web/studies?" + only + "&StudyDate=-" + before, "0020000D")).isEmpty();
            assertThat(allStudies("StudyDate=" + date)).contains(study);
        }
        if (present(id.modality())) {
            assertThat(allStudies("ModalitiesInStudy=" + q(id.modality()))).contains(study);
            assertThat(uids("/dicom-web/studies/" + study + "/series?Modality=" + q(id.modality()), "0020000E"))
                    .containsExactly(id.seriesInstanceUid());
            String other = id.modality().equals("XC") ? "XA" : "XC";
            assertThat(uids("/dicom-web/studies?" + only + "&ModalitiesInStudy=" + other, "0020000D")).isEmpty();
        }
        Map<String, String> studyText = new LinkedHashMap<>();
        studyText.put("StudyID", instance.getString(Tag.StudyID));
        studyText.put("StudyDescription", id.studyDescription());
        studyText.put("ReferringPhysicianName", instance.getString(Tag.ReferringPhysicianName));
        studyText.forEach((key, value) -> {
            if (present(value)) {
                assertThat(allStudies(key + "=" + q(value))).as(key).contains(study);
                assertThat(uids("/dicom-web/studies?" + only + "&" + key + "=" + q(value + "X"), "0020000D")).as(key).isEmpty();
            }
        });
        String series = "/dicom-web/studies/" + study + "/series";
        Map<String, String> seriesText = new LinkedHashMap<>();
        seriesText.put("SeriesDescription", id.seriesDescription());
        seriesText.put("BodyPartExamined", id.bodyPartExamined());
        seriesText.put("SeriesNumber", id.seriesNumber() == null ? null : id.seriesNumber().toString());
        seriesText.forEach((key, value) -> {
            if (present(value)) {
                assertThat(uids(series + "?" + key + "=" + q(value), "0020000E")).as(key).containsExactly(id.seriesInstanceUid());
                assertThat(uids(series + "?" + key + "=" + q(value + "1"), "0020000E")).as(key).isEmpty();
            }
        });
        if (id.instanceNumber() != null) {
            String instances = series + "/" + id.seriesInstanceUid() + "/instances?InstanceNumber=";
            assertThat(uids(instances + id.instanceNumber(), "00080018")).containsExactly(id.sopInstanceUid());
            assertThat(uids(instances + id.instanceNumber() + "1", "00080018")).isEmpty();
        }
    }

    private void retrievedByteForByte(InstanceIdentity id, byte[] bytes) {
        for (String path : new String[] {instanceUrl(id), "/dicom-web/studies/" + id.studyInstanceUid()}) {
            HttpResponse<byte[]> r = Wado.get(http, path, reader, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            List<Wado.Part> parts = Wado.parts(r);
            assertThat(parts).as(path).hasSize(1);
            assertThat(parts.get(0).contentType()).as(path).startsWith("application/dicom");
            assertThat(parts.get(0).body()).as(path).isEqualTo(bytes);
        }
        HttpResponse<byte[]> metadata = Wado.get(http, "/dicom-web/studies/" + id.studyInstanceUid() + "/series/"
                + id.seriesInstanceUid() + "/metadata", reader, "application/dicom+json");
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(metadata.body());
        assertThat(items.size()).isEqualTo(1);
        assertThat(items.get(0).path("00080018").path("Value").path(0).asString()).isEqualTo(id.sopInstanceUid());
    }

    /**
     * The first and last frame as stored, byte for byte, and as native little endian samples: those
     * of an uncompressed twin where the sample has one, else what the decoder makes of the file.
     */
    private void framesDecode(DicomInstance original, DicomInstance instance) throws Exception {
        InstanceIdentity id = instance.identity();
        String ts = id.transferSyntaxUid();
        boolean deflated = Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(ts);
        PixelModule module = PixelModule.of(instance.dataSet());
        DicomInstance twin = LOSSLESS.contains(ts) ? uncompressedTwin(original, module) : null;
        for (int frame : id.frames() > 1 ? new int[] {0, id.frames() - 1} : new int[] {0}) {
            String url = instanceUrl(id) + "/frames/" + (frame + 1);
            byte[] stored = FrameLocator.frameBytes(instance, frame);
            List<Wado.Part> asStored = Wado.parts(ok(Wado.get(http, url, reader, OCTETS + "; transfer-syntax=*")));
            assertThat(asStored).hasSize(1);
            assertThat(asStored.get(0).contentType()).contains("transfer-syntax=" + (deflated ? EXPLICIT_LE : ts));
            assertThat(asStored.get(0).body()).isEqualTo(stored);

            HttpResponse<byte[]> uncompressed = Wado.get(http, url, reader, OCTETS + "; transfer-syntax=" + EXPLICIT_LE);
            if (!FrameTranscoder.canTranscode(ts)) {
                assertThat(problem(uncompressed, 406)).contains("transfer-syntax=" + ts + " or *");
                continue;
            }
            byte[] expected;
            try {
                expected = FrameTranscoder.toExplicitLittleEndian(instance, frame);
            } catch (DicomFormatException e) {
                // a transfer syntax decoded here, but this frame does not decode (or would change its colour space)
                assertThat(problem(uncompressed, 406)).contains("transfer-syntax=*");
                continue;
            }
            List<Wado.Part> decoded = Wado.parts(ok(uncompressed));
            assertThat(decoded.get(0).contentType()).contains("transfer-syntax=" + EXPLICIT_LE);
            assertThat(decoded.get(0).body()).isEqualTo(expected);
            if (!NATIVE_LE.contains(ts) && !deflated) {
                assertThat(expected).hasSize((int) module.nativeFrameLength());
            }
            if (twin != null) {
                assertThat(decoded.get(0).body()).as("the frame of " + twin.file().getFileName())
                        .isEqualTo(FrameLocator.frameBytes(twin, frame));
                twinsCompared.add(original.file().getFileName().toString());
            }
        }
    }

    /** A sample of the same SOP Instance UID in native little endian with the same Image Pixel module. */
    private DicomInstance uncompressedTwin(DicomInstance original, PixelModule module) throws DicomFormatException {
        for (DicomInstance other : encodings.get(original.identity().sopInstanceUid())) {
            if (NATIVE_LE.contains(other.transferSyntaxUid()) && other.hasPixelData()
                    && PixelModule.of(other.dataSet()).equals(module)) {
                return other;
            }
        }
        return null;
    }

    /** Frame 1 as JPEG and PNG, the PNG the very pixels the decoder renders; or the documented refusal. */
    private void rendered(DicomInstance instance) throws Exception {
        String url = instanceUrl(instance.identity());
        String ts = instance.transferSyntaxUid();
        HttpResponse<byte[]> jpeg = Wado.get(http, url + "/rendered", reader, null);
        if (!FrameDecoder.canDecode(ts)) {
            assertThat(problem(jpeg, 406)).contains(ts).contains("cannot be rendered");
            assertThat(Wado.get(http, url + "/thumbnail", reader, null).statusCode()).isEqualTo(406);
            return;
        }
        BufferedImage local;
        try {
            local = FrameDecoder.render(FrameDecoder.decode(instance, 0), null, 0);
        } catch (DicomFormatException e) {
            assertThat(problem(jpeg, 406)).contains("cannot be rendered");
            return;
        }
        ok(jpeg);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(jpeg.body()));
        assertThat(shown.getWidth()).isEqualTo(instance.identity().columns());
        assertThat(shown.getHeight()).isEqualTo(instance.identity().rows());

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ok(Wado.get(http, url + "/rendered", reader, "image/png")).body()));
        assertThat(png.getWidth()).isEqualTo(local.getWidth());
        for (int y = 0; y < local.getHeight(); y++) {
            for (int x = 0; x < local.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xFFFFFF) != (local.getRGB(x, y) & 0xFFFFFF)) {
                    throw new AssertionError("rendered PNG differs from the decoded frame at " + x + "," + y);
                }
            }
        }
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(ok(Wado.get(http, url + "/thumbnail", reader, null)).body()));
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isLessThanOrEqualTo(128);
    }

    private List<String> uids(String path, String key) {
        HttpResponse<String> r = http.get(path, reader);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        JSON.readTree(r.body()).forEach(item -> uids.add(item.path(key).path("Value").path(0).asString()));
        return uids;
    }

    /** Every study the query finds, page after page (other tests store the same patients). */
    private List<String> allStudies(String query) {
        List<String> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            List<String> page = uids("/dicom-web/studies?" + query + "&limit=1000&offset=" + offset, "0020000D");
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
        }
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r;
    }

    /** The problem document's text, after checking its status and media type. */
    private static String problem(HttpResponse<byte[]> r, int status) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        return body;
    }

    private static String instanceUrl(InstanceIdentity id) {
        return "/dicom-web/studies/" + id.studyInstanceUid() + "/series/" + id.seriesInstanceUid() + "/instances/"
                + id.sopInstanceUid();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
