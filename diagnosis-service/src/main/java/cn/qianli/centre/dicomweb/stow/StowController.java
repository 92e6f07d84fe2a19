package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.audit.AuditTrail;
import cn.qianli.centre.dicomweb.DicomWebProperties;
import cn.qianli.centre.dicomweb.multipart.MalformedMultipartException;
import cn.qianli.centre.dicomweb.multipart.MultipartReader;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code POST /dicom-web/studies} and {@code POST /dicom-web/studies/{study}}. */
@RestController
class StowController {

    static final MediaType DICOM_JSON = MediaType.parseMediaType("application/dicom+json");

    private final StowService stow;
    private final ArchiveIndex index;
    private final long maxRequestSize;

    StowController(StowService stow, ArchiveIndex index, DicomWebProperties props) {
        this.stow = stow;
        this.index = index;
        this.maxRequestSize = props.maxRequestSize().toBytes();
    }

    @PostMapping("/dicom-web/studies")
    ResponseEntity<Map<String, Object>> storeInstances(Caller caller, HttpServletRequest request) throws IOException {
        return store(caller, request, null);
    }

    @PostMapping("/dicom-web/studies/{study}")
    ResponseEntity<Map<String, Object>> storeStudyInstances(Caller caller, HttpServletRequest request,
            @PathVariable String study) throws IOException {
        if (!UidSyntax.isValid(study)) {
            throw Problem.INVALID_UID.exception("the study in the URL is not a valid DICOM UID");
        }
        return store(caller, request, study);
    }

    private ResponseEntity<Map<String, Object>> store(Caller caller, HttpServletRequest request, String study)
            throws IOException {
        String hospital = sendingHospital(caller);
        String boundary = boundary(request.getContentType());
        long length = request.getContentLengthLong();
        if (length > maxRequestSize) {
            throw Problem.PAYLOAD_TOO_LARGE.exception("requests are limited to " + maxRequestSize + " bytes");
        }
        StowResult result = new StowResult();
        try {
            MultipartReader reader = new MultipartReader(
                    new LimitedInputStream(decoded(request), maxRequestSize), boundary);
            stow.store(reader, caller, hospital, study, result);
        } catch (ZipException | EOFException e) {
            request.setAttribute(AuditTrail.REQUEST_DETAIL, summary(result));
            throw Problem.MALFORMED_MULTIPART.exception("the gzip request body cannot be decoded: " + e.getMessage()
                    + "; " + summary(result) + " before the fault");
        } catch (LimitedInputStream.RequestTooLargeException e) {
            request.setAttribute(AuditTrail.REQUEST_DETAIL, summary(result));
            throw Problem.PAYLOAD_TOO_LARGE.exception("requests are limited to " + maxRequestSize + " bytes; "
                    + summary(result) + " before the limit");
        } catch (MalformedMultipartException e) {
            request.setAttribute(AuditTrail.REQUEST_DETAIL, summary(result));
            throw Problem.MALFORMED_MULTIPART.exception(e.getMessage() + "; " + summary(result) + " before the fault");
        }
        if (result.referenced.isEmpty() && result.failed.isEmpty()) {
            throw Problem.MALFORMED_MULTIPART.exception("the request holds no parts");
        }
        request.setAttribute(AuditTrail.REQUEST_DETAIL, summary(result));
        String base = ServletUriComponentsBuilder.fromContextPath(request).path("/dicom-web").build().toUriString();
        return ResponseEntity.status(result.httpStatus()).contentType(DICOM_JSON).body(StowResponse.of(result, base));
    }

    /**
     * The request body with its Content-Encoding (RFC 9110 8.4) undone while it is read; the size
     * limit applies to the decoded body. An encoding other than gzip is a 415.
     */
    private static InputStream decoded(HttpServletRequest request) throws IOException {
        String encoding = request.getHeader("Content-Encoding");
        String coding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> request.getInputStream();
            case "gzip", "x-gzip" -> new GZIPInputStream(request.getInputStream(), 64 * 1024);
            default -> throw Problem.UNSUPPORTED_MEDIA_TYPE.exception(
                    "Content-Encoding " + encoding + " is not supported; send gzip or no encoding");
        };
    }

    /** A clinic stores for its own hospital; a gateway for the hospital it belongs to. */
    private String sendingHospital(Caller caller) {
        String hospital;
        if (caller.has(Role.GATEWAY)) {
            Optional<String> registered = index.gatewayHospital(caller.actor());
            if (registered.isPresent() && !caller.hospitalId().isEmpty() && !registered.get().equals(caller.hospitalId())) {
                throw Problem.FORBIDDEN.exception("the gateway's token names another hospital than its registration");
            }
            hospital = caller.hospitalId().isEmpty() ? registered.orElse("") : caller.hospitalId();
        } else if (caller.has(Role.CLINIC)) {
            hospital = caller.hospitalId();
        } else {
            throw Problem.FORBIDDEN.exception("only clinics and gateways store instances");
        }
        if (hospital.isEmpty() || !index.hospitalExists(hospital)) {
            throw Problem.FORBIDDEN.exception("the caller belongs to no known hospital");
        }
        return hospital;
    }

    private static String boundary(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType == null ? "" : contentType);
        } catch (InvalidMediaTypeException e) {
            throw Problem.UNSUPPORTED_MEDIA_TYPE.exception("STOW-RS takes multipart/related; type=\"application/dicom\"");
        }
        if (!type.getType().equalsIgnoreCase("multipart") || !type.getSubtype().equalsIgnoreCase("related")) {
            throw Problem.UNSUPPORTED_MEDIA_TYPE.exception("STOW-RS takes multipart/related; type=\"application/dicom\"");
        }
        String partType = type.getParameter("type");
        if (partType != null && !StowService.baseType(unquote(partType)).equals("application/dicom")) {
            throw Problem.UNSUPPORTED_MEDIA_TYPE.exception("only type=\"application/dicom\" parts are accepted");
        }
        String boundary = type.getParameter("boundary");
        if (boundary == null || unquote(boundary).isEmpty() || unquote(boundary).length() > MultipartReader.MAX_BOUNDARY) {
            throw Problem.MALFORMED_MULTIPART.exception("the Content-Type has no usable boundary parameter");
        }
        return unquote(boundary);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String summary(StowResult result) {
        return "stored " + result.referenced.size() + ", failed " + result.failed.size();
    }
}
