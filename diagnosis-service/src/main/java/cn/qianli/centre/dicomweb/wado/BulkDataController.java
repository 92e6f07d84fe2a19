package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.dicomweb.multipart.MultipartWriter;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.ByteRange;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.Element;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The values behind the BulkDataURIs that metadata gives (PS3.18 10.4.1.1.5): one part with the
 * value as stored, or for encapsulated Pixel Data one part per fragment.
 */
@RestController
class BulkDataController {

    private final WadoInstances instances;
    private final ObjectStore store;

    BulkDataController(WadoInstances instances, ObjectStore store) {
        this.instances = instances;
        this.store = store;
    }

    @GetMapping("/dicom-web/studies/{study}/series/{series}/instances/{instance}/bulkdata/{*tagPath}")
    void bulkData(Caller caller, @PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @PathVariable String tagPath, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RetrievableInstance found = instances.find(caller, study, series, instance).get(0);
        if (!WadoController.Accepts.anyOf(request, "multipart/related", "application/octet-stream")) {
            throw Problem.NOT_ACCEPTABLE.exception("bulk data is sent as multipart/related; type=\"application/octet-stream\"");
        }
        String path = tagPath.startsWith("/") ? tagPath.substring(1) : tagPath;
        Path temp = Files.createTempFile("bulkdata-", ".dcm");
        try {
            try (InputStream in = store.read(found.objectKey())) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Element element;
            try {
                element = DicomInstance.read(temp).dataSet().find(path);
            } catch (IllegalArgumentException e) {
                throw Problem.BAD_REQUEST.exception("not a bulk data tag path: tags and item indexes joined by '/'");
            } catch (DicomFormatException e) {
                throw Problem.INTERNAL.exception("the stored object no longer reads");
            }
            if (element == null) {
                throw Problem.NOT_FOUND.exception("the instance has no value at " + path);
            }
            MultipartWriter multipart = new MultipartWriter(response.getOutputStream());
            response.setContentType(multipart.contentType("application/octet-stream"));
            String type = "application/octet-stream; transfer-syntax=" + found.transferSyntaxUid();
            // values with a place in the stored object are sent from it by range; others
            // (a deflated data set's) from the parsed copy
            if (element.isEncapsulated()) {
                List<ByteRange> ranges = element.fragmentRanges();
                for (int i = 1; i < element.fragmentCount(); i++) {
                    multipart.part(type, ranges == null ? new ByteArrayInputStream(element.fragment(i))
                            : StoredRanges.of(store, found.objectKey(),
                                    List.of(new long[] {ranges.get(i).offset(), ranges.get(i).length()})));
                }
            } else if (element.valueOffset() >= 0 && element.length() >= 0) {
                multipart.part(type, StoredRanges.of(store, found.objectKey(),
                        List.of(new long[] {element.valueOffset(), element.length()})));
            } else {
                multipart.part(type, new ByteArrayInputStream(element.bytes()));
            }
            multipart.finish();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
