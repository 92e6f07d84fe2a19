package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.dicomweb.multipart.MultipartWriter;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.pixels.FrameLocator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * WADO-RS frames (PS3.18 10.4.1.1.6): each requested frame is read from its byte ranges in the
 * stored object, in the stored transfer syntax, one part per frame. A deflated instance has no
 * frame at any offset of its stored bytes: it is inflated (up to {@value #MAX_INFLATED_OBJECT}
 * bytes stored) and its frames are sent as the native samples they are, Explicit VR Little
 * Endian.
 */
@RestController
class FramesController {

    private static final int MAX_FRAMES_PER_REQUEST = 10_000;
    static final int MAX_INFLATED_OBJECT = 64 * 1024 * 1024;

    private final WadoInstances instances;
    private final ObjectStore store;

    FramesController(WadoInstances instances, ObjectStore store) {
        this.instances = instances;
        this.store = store;
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/frames/{frames}")
    void frames(Caller caller, @PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @PathVariable String frames, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RetrievableInstance found = instances.find(caller, study, series, instance).get(0);
        if (found.frameRanges() == null && Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(found.transferSyntaxUid())) {
            inflated(found, frames, request, response);
            return;
        }
        if (found.frameRanges() == null) {
            throw Problem.NOT_FOUND.exception("this instance has no addressable frames");
        }
        List<FrameRanges.Frame> located = FrameRanges.parse(found.frameRanges());
        List<Integer> wanted = frameNumbers(frames, located.size());
        requireOctetStream(request);
        MultipartWriter multipart = new MultipartWriter(response.getOutputStream());
        response.setContentType(multipart.contentType("application/octet-stream"));
        for (int number : wanted) {
            multipart.part("application/octet-stream; transfer-syntax=" + found.transferSyntaxUid(),
                    StoredRanges.of(store, found.objectKey(), located.get(number - 1).ranges()));
        }
        multipart.finish();
    }

    private void inflated(RetrievableInstance found, String frames, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        List<Integer> wanted = frameNumbers(frames, Math.max(1, found.numberOfFrames()));
        requireOctetStream(request);
        byte[] stored;
        try (InputStream in = store.read(found.objectKey())) {
            stored = in.readNBytes(MAX_INFLATED_OBJECT + 1);
        }
        if (stored.length > MAX_INFLATED_OBJECT) {
            throw Problem.NOT_FOUND.exception("this deflated instance is too large to serve frame by frame");
        }
        List<byte[]> parts = new ArrayList<>();
        try {
            DicomInstance instance = DicomInstance.read(stored);
            for (int number : wanted) {
                parts.add(FrameLocator.frameBytes(instance, number - 1));
            }
        } catch (DicomFormatException | IllegalArgumentException e) {
            throw Problem.NOT_FOUND.exception("the stored instance has no readable frames: " + e.getMessage());
        }
        MultipartWriter multipart = new MultipartWriter(response.getOutputStream());
        response.setContentType(multipart.contentType("application/octet-stream"));
        for (byte[] frame : parts) {
            multipart.part("application/octet-stream; transfer-syntax=" + Uid.EXPLICIT_VR_LITTLE_ENDIAN,
                    new ByteArrayInputStream(frame));
        }
        multipart.finish();
    }

    private static void requireOctetStream(HttpServletRequest request) {
        if (!WadoController.Accepts.anyOf(request, "multipart/related", "application/octet-stream")) {
            throw Problem.NOT_ACCEPTABLE.exception("frames are sent as multipart/related; type=\"application/octet-stream\"");
        }
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
