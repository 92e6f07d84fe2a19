package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.archive.IndexedInstance;
import cn.qianli.centre.dicomweb.multipart.MultipartWriter;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** WADO-RS retrieve (instances, metadata); frames are in {@link FramesController}. */
@RestController
class WadoController {

    private static final Logger log = LoggerFactory.getLogger(WadoController.class);

    private final WadoInstances instances;
    private final ObjectStore store;

    WadoController(WadoInstances instances, ObjectStore store) {
        this.instances = instances;
        this.store = store;
    }

    @GetMapping("/dicom-web/studies/{study}")
    void study(Caller caller, @PathVariable String study, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        retrieve(instances.find(caller, study, null, null), request, response);
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}")
    void series(Caller caller, @PathVariable String study, @PathVariable String series, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        retrieve(instances.find(caller, study, series, null), request, response);
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}")
    void instance(Caller caller, @PathVariable String study, @PathVariable String series,
            @PathVariable String instance, HttpServletRequest request, HttpServletResponse response) throws IOException {
        retrieve(instances.find(caller, study, series, instance), request, response);
    }

    @GetMapping("/dicom-web/studies/{study}/metadata")
    void studyMetadata(Caller caller, @PathVariable String study, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        metadata(instances.findWithMetadata(caller, study, null, null), request, response);
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/metadata")
    void seriesMetadata(Caller caller, @PathVariable String study, @PathVariable String series,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        metadata(instances.findWithMetadata(caller, study, series, null), request, response);
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/metadata")
    void instanceMetadata(Caller caller, @PathVariable String study, @PathVariable String series,
            @PathVariable String instance, HttpServletRequest request, HttpServletResponse response) throws IOException {
        metadata(instances.findWithMetadata(caller, study, series, instance), request, response);
    }

    /** The stored Part 10 objects as they are (their own transfer syntax), one part each. */
    private void retrieve(List<RetrievableInstance> found, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!Accepts.anyOf(request, "multipart/related", "application/dicom")) {
            throw Problem.NOT_ACCEPTABLE.exception("instances are sent as multipart/related; type=\"application/dicom\"");
        }
        MultipartWriter multipart = new MultipartWriter(response.getOutputStream());
        response.setContentType(multipart.contentType("application/dicom"));
        for (RetrievableInstance i : found) {
            multipart.part("application/dicom; transfer-syntax=" + i.transferSyntaxUid(), store.read(i.objectKey()));
        }
        multipart.finish();
    }

    /** DICOM JSON of each instance, bulk data (Pixel Data among them) as BulkDataURIs. */
    private void metadata(List<RetrievableInstance> found, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!Accepts.anyOf(request, "application/dicom+json", "application/json")) {
            throw Problem.NOT_ACCEPTABLE.exception("metadata is sent as application/dicom+json");
        }
        String base = ServletUriComponentsBuilder.fromContextPath(request).path("/dicom-web").build().toUriString();
        response.setContentType("application/dicom+json");
        OutputStream out = response.getOutputStream();
        out.write('[');
        boolean first = true;
        for (RetrievableInstance i : found) {
            String url = base + "/studies/" + i.studyInstanceUid() + "/series/" + i.seriesInstanceUid()
                    + "/instances/" + i.sopInstanceUid();
            byte[] json = i.metadata() != null ? indexedJson(i, url) : jsonOfObject(i, url);
            if (json == null) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(json);
        }
        out.write(']');
        out.flush();
    }

    /** The JSON as indexed at STOW; only a BulkDataURI value can start with the placeholder. */
    private static byte[] indexedJson(RetrievableInstance i, String url) {
        return i.metadata().replace("\"BulkDataURI\":\"" + IndexedInstance.BULK_DATA_PLACEHOLDER,
                "\"BulkDataURI\":\"" + url + "/bulkdata/").getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON of the stored object, read whole (rows indexed before V9); null when it no longer reads. */
    private byte[] jsonOfObject(RetrievableInstance i, String url) throws IOException {
        Path temp = Files.createTempFile("wado-", ".dcm");
        try {
            try (InputStream in = store.read(i.objectKey())) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            // read whole so Pixel Data appears, as a BulkDataURI
            DicomInstance instance = DicomInstance.read(temp);
            ByteArrayOutputStream json = new ByteArrayOutputStream(8192);
            instance.writeJson(json, tagPath -> url + "/bulkdata/" + tagPath);
            return json.toByteArray();
        } catch (DicomFormatException e) {
            // the object was read whole at STOW; failing now means the store changed under us
            log.error("stored object {} of {} no longer reads: {}", i.objectKey(), i.sopInstanceUid(), e.getMessage());
            return null;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Accept header checks: absent or wildcard accepts anything. */
    static final class Accepts {

        private Accepts() {
        }

        static boolean anyOf(HttpServletRequest request, String... types) {
            String accept = request.getHeader("Accept");
            if (accept == null || accept.isBlank()) {
                return true;
            }
            String a = accept.toLowerCase(Locale.ROOT);
            if (a.contains("*/*") || a.contains("multipart/*")) {
                return true;
            }
            for (String type : types) {
                if (a.contains(type)) {
                    return true;
                }
            }
            return false;
        }
    }
}
