package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.archive.IndexedInstance;
import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.dicomweb.DicomWebProperties;
import cn.qianli.centre.dicomweb.multipart.MultipartReader;
import cn.qianli.centre.reading.StudyArrived;
import cn.qianli.centre.security.Caller;
import cn.qianli.dicom.ByteRange;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.pixels.FrameLocation;
import cn.qianli.dicom.pixels.FrameLocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Stores the parts of one STOW-RS request: each part is received and checked one at a time, then
 * stored with the parts received before it in a {@link StowGroup} (objects made durable, then
 * index rows and audit entries committed together).
 */
@Service
class StowService {

    private static final Logger log = LoggerFactory.getLogger(StowService.class);

    private final StowGroup.Committer committer;
    private final Path incoming;
    private final StowMemory memory;
    private final int maxPartInMemory;
    private final ApplicationEventPublisher events;

    StowService(StowGroup.Committer committer, DicomWebProperties props, StowMemory memory,
            ApplicationEventPublisher events) throws IOException {
        this.committer = committer;
        this.events = events;
        this.memory = memory;
        this.maxPartInMemory = (int) props.maxPartInMemory().toBytes();
        this.incoming = props.incomingDir().isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : Files.createDirectories(Path.of(props.incomingDir()));
    }

    /**
     * Stores every part for {@code hospitalId}; {@code expectedStudy} (from the URL) or null.
     * A malformed body stops the loop with its exception; the parts received whole before it are
     * stored. Each study with a stored instance is announced as {@link StudyArrived} at the end.
     */
    StowResult store(MultipartReader reader, Caller caller, String hospitalId, String expectedStudy, StowResult result)
            throws IOException {
        StowGroup group = new StowGroup(caller, hospitalId, result);
        try {
            storeParts(reader, group, expectedStudy);
        } catch (IOException | RuntimeException fault) {
            try {
                committer.commit(group);
            } catch (IOException | RuntimeException also) {
                fault.addSuppressed(also);
            }
            throw fault;
        } finally {
            for (String study : result.studies) {
                announce(study);
            }
        }
        return result;
    }

    private void announce(String study) {
        try {
            events.publishEvent(new StudyArrived(study));
        } catch (RuntimeException e) {
            // the instances are stored; the reading side's intake scan picks the study up later
            log.warn("study {} stored but its arrival could not be announced: {}", study, e.toString());
        }
    }

    private void storeParts(MultipartReader reader, StowGroup group, String expectedStudy) throws IOException {
        for (MultipartReader.Part part; (part = reader.next()) != null; ) {
            String type = part.header("Content-Type");
            if (type == null || !baseType(type).equals("application/dicom")) {
                part.body().transferTo(OutputStream.nullOutputStream());
                group.unreadable(Status.CANNOT_UNDERSTAND.code(), "part of type " + type + " is not application/dicom");
                continue;
            }
            Optional<byte[]> announced = ContentDigest.sha256(part.header("Content-Digest"));
            MessageDigest sha = sha256();
            ReceivedPart received = ReceivedPart.read(part.body(), sha, memory, maxPartInMemory, incoming);
            boolean kept = false;
            try {
                kept = check(received, sha.digest(), announced, group, expectedStudy);
            } finally {
                if (!kept) {
                    received.close();
                }
            }
            if (group.isFull()) {
                committer.commit(group);
            }
        }
        committer.commit(group);
    }

    /**
     * Checks one received part whose sha-256 is {@code received}; true when it joined the group
     * (which then owns it). {@code announced}: the part's Content-Digest sha-256 if it has one.
     */
    private boolean check(ReceivedPart part, byte[] received, Optional<byte[]> announced, StowGroup group,
            String expectedStudy) throws IOException {
        String digest = HexFormat.of().formatHex(received);
        boolean intact = announced.isEmpty() || MessageDigest.isEqual(announced.get(), received);

        DicomInstance instance;
        try {
            instance = part.parse();
        } catch (DicomFormatException e) {
            if (!intact) {
                group.unreadable(Status.PROCESSING_FAILURE.code(), "the part does not match its Content-Digest");
            } else {
                group.unreadable(Status.CANNOT_UNDERSTAND.code(), "not a readable DICOM Part 10 instance: " + e.getMessage());
            }
            return false;
        }
        InstanceIdentity id = instance.identity();
        if (!intact) {
            // damaged on the way: the sender sends it again
            group.refused(id, Status.PROCESSING_FAILURE.code(), "the part does not match its Content-Digest");
            return false;
        }
        if (!UidSyntax.isValid(id.studyInstanceUid()) || !UidSyntax.isValid(id.seriesInstanceUid())
                || !UidSyntax.isValid(orEmpty(id.sopInstanceUid()))) {
            group.refused(id, Status.INVALID_ARGUMENT_VALUE.code(), "a UID is not valid DICOM UID syntax");
            return false;
        }
        if (expectedStudy != null && !expectedStudy.equals(id.studyInstanceUid())) {
            group.refused(id, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code(), "instance is not of study " + expectedStudy);
            return false;
        }
        if (group.holds(id.sopInstanceUid())) {
            // the same SOP Instance UID twice in one request: the second meets the first's row
            committer.commit(group);
        }
        // side by side in the series' directory: no directory per instance to make and force to disk
        String key = id.studyInstanceUid() + "/" + id.seriesInstanceUid() + "/" + id.sopInstanceUid() + "_" + digest
                + ".dcm";
        group.received(id, part, indexed(instance, id, key, part.size(), digest, group.hospitalId(), group.caller()),
                committer);
        return true;
    }

    private static IndexedInstance indexed(DicomInstance in, InstanceIdentity id, String key, long size, String sha,
            String hospitalId, Caller caller) {
        return new IndexedInstance(id.studyInstanceUid(), id.seriesInstanceUid(), id.sopInstanceUid(),
                orEmpty(id.sopClassUid()), orEmpty(in.transferSyntaxUid()), orEmpty(id.patientId()),
                orEmpty(id.patientName()), orEmpty(id.patientBirthDate()), orEmpty(id.patientSex()),
                orEmpty(id.studyDate()), orEmpty(id.studyTime()), orEmpty(id.accessionNumber()),
                orEmpty(in.getString(Tag.StudyID)), orEmpty(id.studyDescription()),
                orEmpty(in.getString(Tag.ReferringPhysicianName)), orEmpty(id.modality()),
                id.seriesNumber() == null ? "" : id.seriesNumber().toString(), orEmpty(id.seriesDescription()),
                orEmpty(id.bodyPartExamined()), id.instanceNumber() == null ? "" : id.instanceNumber().toString(),
                id.rows(), id.columns(), id.frames(), key, size, sha, hospitalId, caller.actor(), frameRanges(in),
                metadata(in));
    }

    /** The instance's DICOM JSON, bulk data URIs relative to {@link IndexedInstance#BULK_DATA_PLACEHOLDER}. */
    private static String metadata(DicomInstance in) {
        try {
            ByteArrayOutputStream json = new ByteArrayOutputStream(8192);
            in.writeJson(json, tagPath -> IndexedInstance.BULK_DATA_PLACEHOLDER + tagPath);
            return json.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.info("metadata of {} is read from its object when asked: {}", in.identity().sopInstanceUid(),
                    e.getMessage());
            return null;
        }
    }

    /** Each frame's byte ranges in the stored file, as JSON; null when the frames cannot be addressed. */
    private static String frameRanges(DicomInstance in) {
        if (!in.hasPixelData()) {
            return null;
        }
        try {
            StringBuilder json = new StringBuilder("[");
            for (FrameLocation frame : FrameLocator.locate(in)) {
                json.append(json.length() > 1 ? "," : "").append("{\"encapsulated\":").append(frame.encapsulated())
                        .append(",\"ranges\":[");
                for (int i = 0; i < frame.ranges().size(); i++) {
                    ByteRange r = frame.ranges().get(i);
                    json.append(i > 0 ? "," : "").append('[').append(r.offset()).append(',').append(r.length()).append(']');
                }
                json.append("]}");
            }
            return json.append(']').toString();
        } catch (DicomFormatException | RuntimeException e) {
            log.info("frames of {} cannot be addressed: {}", in.identity().sopInstanceUid(), e.getMessage());
            return null;
        }
    }

    static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
