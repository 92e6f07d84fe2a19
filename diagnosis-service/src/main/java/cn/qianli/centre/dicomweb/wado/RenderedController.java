package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.pixels.Frame;
import cn.qianli.dicom.pixels.FrameDecoder;
import cn.qianli.dicom.pixels.UnsupportedTransferSyntaxException;
import cn.qianli.dicom.pixels.Window;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WADO-RS rendered and thumbnail resources (PS3.18 10.4.1.1.3, 10.4.1.1.4): a frame decoded by
 * dicom-core, windowed, as JPEG (default) or PNG.
 */
@RestController
class RenderedController {

    static final int THUMBNAIL_SIZE = 128;
    static final int MAX_VIEWPORT = 4096;

    private final WadoInstances instances;
    private final ObjectStore store;

    RenderedController(WadoInstances instances, ObjectStore store) {
        this.instances = instances;
        this.store = store;
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/rendered")
    void instance(Caller caller, @PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @RequestParam(required = false) String window, @RequestParam(required = false) String viewport,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(instances.find(caller, study, series, instance).get(0), 1, window(window), size(viewport, 0), request,
                response);
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered")
    void frame(Caller caller, @PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @PathVariable String frame, @RequestParam(required = false) String window,
            @RequestParam(required = false) String viewport, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        RetrievableInstance found = instances.find(caller, study, series, instance).get(0);
        int number = FramesController.frameNumbers(frame, Math.max(1, found.numberOfFrames())).get(0);
        render(found, number, window(window), size(viewport, 0), request, response);
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/thumbnail")
    void instanceThumbnail(Caller caller, @PathVariable String study, @PathVariable String series,
            @PathVariable String instance, @RequestParam(required = false) String viewport, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        render(instances.find(caller, study, series, instance).get(0), 1, null, size(viewport, THUMBNAIL_SIZE), request,
                response);
    }

    /** A series is shown by its middle instance. */
    @GetMapping("/dicom-web/studies/{study}/series/{series}/thumbnail")
    void seriesThumbnail(Caller caller, @PathVariable String study, @PathVariable String series,
            @RequestParam(required = false) String viewport, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        List<RetrievableInstance> all = instances.find(caller, study, series, null);
        render(all.get(all.size() / 2), 1, null, size(viewport, THUMBNAIL_SIZE), request, response);
    }

    /** A study is shown by the middle instance of its first series. */
    @GetMapping("/dicom-web/studies/{study}/thumbnail")
    void studyThumbnail(Caller caller, @PathVariable String study, @RequestParam(required = false) String viewport,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<RetrievableInstance> all = instances.find(caller, study, null, null);
        String firstSeries = all.get(0).seriesInstanceUid();
        List<RetrievableInstance> series = all.stream().filter(i -> i.seriesInstanceUid().equals(firstSeries)).toList();
        render(series.get(series.size() / 2), 1, null, size(viewport, THUMBNAIL_SIZE), request, response);
    }

    private void render(RetrievableInstance found, int frame, Window window, int maxSize, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String format = format(request.getHeader("Accept"));
        if (!FrameDecoder.canDecode(found.transferSyntaxUid())) {
            throw Problem.NOT_ACCEPTABLE.exception("frames in transfer syntax " + found.transferSyntaxUid()
                    + " cannot be rendered here");
        }
        Path temp = Files.createTempFile("rendered-", ".dcm");
        BufferedImage image;
        try {
            try (InputStream in = store.read(found.objectKey())) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            DicomInstance instance = DicomInstance.read(temp);
            if (!instance.hasPixelData()) {
                throw Problem.NOT_FOUND.exception("the instance has no pixel data to render");
            }
            Frame decoded = FrameDecoder.decode(instance, frame - 1);
            image = opaque(FrameDecoder.render(decoded, window, maxSize));
        } catch (UnsupportedTransferSyntaxException e) {
            throw Problem.NOT_ACCEPTABLE.exception("this image cannot be rendered here: " + e.getMessage());
        } catch (DicomFormatException e) {
            throw Problem.NOT_ACCEPTABLE.exception("this image cannot be rendered here: " + e.getMessage());
        } finally {
            Files.deleteIfExists(temp);
        }
        response.setContentType("image/" + format);
        ImageIO.write(image, format, response.getOutputStream());
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }

    /** image/jpeg unless the client accepts only PNG. */
    private static String format(String accept) {
        if (accept == null || accept.isBlank()) {
            return "jpeg";
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains("image/jpeg") || a.contains("image/*") || a.contains("*/*")) {
            return "jpeg";
        }
        if (a.contains("image/png")) {
            return "png";
        }
        throw Problem.NOT_ACCEPTABLE.exception("rendered images are image/jpeg or image/png");
    }

    /** window=center,width[,function] (PS3.18 8.3.5.1.4); only linear windows are offered. */
    static Window window(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(",");
        try {
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].startsWith("linear"))) {
                throw new IllegalArgumentException();
            }
            double center = Double.parseDouble(parts[0]);
            double width = Double.parseDouble(parts[1]);
            if (!Double.isFinite(center)) {
                throw new IllegalArgumentException();
            }
            return new Window(center, width);
        } catch (IllegalArgumentException e) {
            throw Problem.INVALID_QUERY_PARAMETER.exception("window is center,width[,linear] with width at least 1");
        }
    }

    /** viewport=width,height: the longer side bounds the image. */
    static int size(String viewport, int defaultSize) {
        if (viewport == null || viewport.isBlank()) {
            return defaultSize;
        }
        try {
            int max = 0;
            for (String p : viewport.split(",")) {
                int n = Integer.parseInt(p.strip());
                if (n < 1 || n > MAX_VIEWPORT) {
                    throw new NumberFormatException();
                }
                max = Math.max(max, n);
            }
            return max;
        } catch (NumberFormatException e) {
            throw Problem.INVALID_QUERY_PARAMETER.exception("viewport is width,height, each 1 to " + MAX_VIEWPORT);
        }
    }
}
