package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.dicomweb.DicomJson;
import cn.qianli.centre.dicomweb.multipart.MultipartWriter;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.pixels.FrameTranscoder;
import cn.qianli.dicom.pixels.PixelModule;
import cn.qianli.dicom.pixels.TransferSyntaxName;
import cn.qianli.dicom.pixels.UnsupportedTransferSyntaxException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WADO-RS frames (PS3.18 10.4.1.1.6), one part per frame, in the transfer syntax the Accept
 * header asks for ({@link FrameSyntaxes}):
 * <ul>
 *   <li>as stored ({@code transfer-syntax=*} or the stored UID): read from the frame's byte
 *       ranges in the stored object, never the whole object;
 *   <li>as native Explicit VR Little Endian samples (no {@code transfer-syntax}, or its UID):
 *       little endian native frames as stored, others decoded by dicom-core from their byte
 *       ranges, with the Image Pixel module indexed at STOW;
 *   <li>anything else: 406, naming what the instance can be had in.
 * </ul>
 * A deflated instance has no frame at any offset of its stored bytes: it is inflated (up to
 * {@value #MAX_WHOLE_OBJECT} bytes stored) and its frames are sent as native samples. 8-bit big
 * endian samples, which may sit in swapped 16-bit words across frame boundaries, are made native
 * from the whole object the same way.
 */
@RestController
class FramesController {

    private static final int MAX_FRAMES_PER_REQUEST = 10_000;
    static final int MAX_WHOLE_OBJECT = 64 * 1024 * 1024;
    /** Most native bytes one request is decoded into. */
    static final long MAX_TRANSCODED_BYTES = 256L * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WadoInstances instances;
    private final ObjectStore store;

    FramesController(WadoInstances instances, ObjectStore store) {
        this.instances = instances;
        this.store = store;
    }

    /** How the frames of one instance are sent. */
    enum Plan { STORED, STORED_NATIVE_AS_EXPLICIT, TRANSCODED, WHOLE_OBJECT }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/frames/{frames}")
    void frames(Caller caller, @PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @PathVariable String frames, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RetrievableInstance found = instances.find(caller, study, series, instance).get(0);
        List<String> accepted = FrameSyntaxes.accepted(request.getHeader("Accept"));
        if (accepted.isEmpty()) {
            throw Problem.NOT_ACCEPTABLE.exception("frames are sent as multipart/related; type=\"application/octet-stream\"");
        }
        String stored = found.transferSyntaxUid();
        boolean deflated = found.frameRanges() == null && Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(stored);
        if (found.frameRanges() == null && !deflated) {
            throw Problem.NOT_FOUND.exception("this instance has no addressable frames");
        }
        Plan plan = plan(stored, deflated, accepted);
        if (plan == null) {
            throw Problem.NOT_ACCEPTABLE.exception("the frames of this instance are sent as stored, in "
                    + TransferSyntaxName.of(stored) + " (transfer-syntax=" + stored + " or *)"
                    + (FrameTranscoder.canTranscode(stored)
                    ? ", or as native samples (transfer-syntax=" + Uid.EXPLICIT_VR_LITTLE_ENDIAN + ")" : ""));
        }
        switch (plan) {
            case WHOLE_OBJECT -> fromWholeObject(found, frames, response);
            case TRANSCODED -> {
                if (FrameTranscoder.needsWholeObject(stored, pixelModule(found))) {
                    fromWholeObject(found, frames, response);
                } else {
                    transcoded(found, frames, response);
                }
            }
            default -> asStored(found, frames, plan == Plan.STORED ? stored : Uid.EXPLICIT_VR_LITTLE_ENDIAN, response);
        }
    }

    /** The first accepted syntax this instance's frames can be sent in, or null. */
    static Plan plan(String stored, boolean deflated, List<String> accepted) {
        for (String ts : accepted) {
            if (ts.equals(FrameSyntaxes.ANY) || (ts.equals(stored) && !deflated)) {
                return deflated ? Plan.WHOLE_OBJECT : Plan.STORED;
            }
            if (ts.equals(Uid.EXPLICIT_VR_LITTLE_ENDIAN)) {
                if (deflated) {
                    return Plan.WHOLE_OBJECT;
                }
                if (Uid.IMPLICIT_VR_LITTLE_ENDIAN.equals(stored)) {
                    return Plan.STORED_NATIVE_AS_EXPLICIT;
                }
                if (FrameTranscoder.canTranscode(stored)) {
                    return Plan.TRANSCODED;
                }
            }
        }
        return null;
    }

    private void asStored(RetrievableInstance found, String frames, String label, HttpServletResponse response)
            throws IOException {
        List<FrameRanges.Frame> located = FrameRanges.parse(found.frameRanges());
        List<Integer> wanted = frameNumbers(frames, located.size());
        MultipartWriter multipart = new MultipartWriter(response.getOutputStream());
        response.setContentType(multipart.contentType("application/octet-stream"));
        for (int number : wanted) {
            multipart.part("application/octet-stream; transfer-syntax=" + label,
                    StoredRanges.of(store, found.objectKey(), located.get(number - 1).ranges()));
        }
        multipart.finish();
    }

    /** Every wanted frame decoded before the first byte is sent, so a failure is a clean problem response. */
    private void transcoded(RetrievableInstance found, String frames, HttpServletResponse response) throws IOException {
        List<FrameRanges.Frame> located = FrameRanges.parse(found.frameRanges());
        List<Integer> wanted = frameNumbers(frames, located.size());
        PixelModule module = pixelModule(found);
        if (module.nativeFrameLength() * wanted.size() > MAX_TRANSCODED_BYTES) {
            throw Problem.BAD_REQUEST.exception("these frames decode to more than " + MAX_TRANSCODED_BYTES
                    + " bytes; ask for fewer frames per request, or for transfer-syntax=*");
        }
        List<byte[]> parts = new ArrayList<>();
        try {
            for (int number : wanted) {
                byte[] bytes;
                try (InputStream in = StoredRanges.of(store, found.objectKey(), located.get(number - 1).ranges())) {
                    bytes = in.readAllBytes();
                }
                parts.add(FrameTranscoder.toExplicitLittleEndian(found.transferSyntaxUid(), bytes, module));
            }
        } catch (UnsupportedTransferSyntaxException e) {
            throw Problem.NOT_ACCEPTABLE.exception(e.getMessage() + "; ask for transfer-syntax=*");
        } catch (DicomFormatException e) {
            throw Problem.NOT_ACCEPTABLE.exception("the stored frame cannot be decoded: " + e.getMessage()
                    + "; ask for transfer-syntax=*");
        }
        sendNative(parts, response);
    }

    /** The Image Pixel module as indexed at STOW, else (rows indexed before V9) from the stored object's header. */
    private PixelModule pixelModule(RetrievableInstance found) throws IOException {
        try {
            if (found.metadata() != null) {
                JsonNode ds = JSON.readTree(found.metadata());
                int bitsAllocated = number(ds, Tag.BitsAllocated, 0);
                return PixelModule.of(number(ds, Tag.Rows, 0), number(ds, Tag.Columns, 0),
                        number(ds, Tag.SamplesPerPixel, 1), bitsAllocated, number(ds, Tag.BitsStored, bitsAllocated),
                        number(ds, Tag.PixelRepresentation, 0) == 1, number(ds, Tag.PlanarConfiguration, 0),
                        value(ds, Tag.PhotometricInterpretation).asString("MONOCHROME2"));
            }
            Path temp = Files.createTempFile("frames-", ".dcm");
            try {
                try (InputStream in = store.read(found.objectKey())) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                return PixelModule.of(DicomInstance.readHeader(temp).dataSet());
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (DicomFormatException e) {
            throw Problem.NOT_FOUND.exception("the stored instance has no usable Image Pixel module: " + e.getMessage());
        }
    }

    private static int number(JsonNode ds, int tag, int absent) {
        JsonNode value = value(ds, tag);
        return value.isNumber() ? value.asInt() : absent;
    }

    /** The first value of {@code tag} in a DICOM JSON data set, or a missing node. */
    private static JsonNode value(JsonNode ds, int tag) {
        return ds.path(DicomJson.key(tag)).path("Value").path(0);
    }

    /** Native frames decoded from the whole stored object, read into memory up to its bound. */
    private void fromWholeObject(RetrievableInstance found, String frames, HttpServletResponse response)
            throws IOException {
        List<Integer> wanted = frameNumbers(frames, Math.max(1, found.numberOfFrames()));
        byte[] stored;
        try (InputStream in = store.read(found.objectKey())) {
            stored = in.readNBytes(MAX_WHOLE_OBJECT + 1);
        }
        if (stored.length > MAX_WHOLE_OBJECT) {
            throw Problem.NOT_FOUND.exception("this " + TransferSyntaxName.of(found.transferSyntaxUid())
                    + " instance is too large to serve frame by frame");
        }
        List<byte[]> parts = new ArrayList<>();
        try {
            DicomInstance instance = DicomInstance.read(stored);
            for (int number : wanted) {
                parts.add(FrameTranscoder.toExplicitLittleEndian(instance, number - 1));
            }
        } catch (UnsupportedTransferSyntaxException e) {
            throw Problem.NOT_ACCEPTABLE.exception(e.getMessage() + "; ask for transfer-syntax=*");
        } catch (DicomFormatException | IllegalArgumentException e) {
            throw Problem.NOT_FOUND.exception("the stored instance has no readable frames: " + e.getMessage());
        }
        sendNative(parts, response);
    }

    private static void sendNative(List<byte[]> frames, HttpServletResponse response) throws IOException {
        MultipartWriter multipart = new MultipartWriter(response.getOutputStream());
        response.setContentType(multipart.contentType("application/octet-stream"));
        for (byte[] frame : frames) {
            multipart.part("application/octet-stream; transfer-syntax=" + Uid.EXPLICIT_VR_LITTLE_ENDIAN,
                    new ByteArrayInputStream(frame));
        }
        multipart.finish();
    }

    /** "1,3,5": frame numbers from 1; each must exist. */
    static List<Integer> frameNumbers(String list, int frames) {
        List<Integer> numbers = new ArrayList<>();
        for (String s : list.split(",")) {
            int n;
            try {
                n = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw Problem.BAD_REQUEST.exception("frame numbers are positive integers separated by commas");
            }
            if (n < 1 || n > frames) {
                throw Problem.NOT_FOUND.exception("the instance has " + frames + " frames");
            }
            numbers.add(n);
        }
        if (numbers.isEmpty() || numbers.size() > MAX_FRAMES_PER_REQUEST) {
            throw Problem.BAD_REQUEST.exception("between 1 and " + MAX_FRAMES_PER_REQUEST + " frames per request");
        }
        return numbers;
    }
}
