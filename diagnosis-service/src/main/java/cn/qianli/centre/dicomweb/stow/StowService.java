package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.IndexedInstance;
import cn.qianli.centre.archive.StoredInstance;
import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.audit.AuditEntry;
import cn.qianli.centre.audit.AuditTrail;
import cn.qianli.centre.dicomweb.DicomWebProperties;
import cn.qianli.centre.dicomweb.multipart.MultipartReader;
import cn.qianli.centre.reading.StudyArrived;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.ByteRange;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.pixels.FrameLocation;
import cn.qianli.dicom.pixels.FrameLocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Stores the parts of one STOW-RS request, one at a time. */
@Service
class StowService {

    private static final Logger log = LoggerFactory.getLogger(StowService.class);

    private final ArchiveIndex index;
    private final ObjectStore store;
    private final AuditTrail audit;
    private final Path incoming;
    private final ApplicationEventPublisher events;

    StowService(ArchiveIndex index, ObjectStore store, AuditTrail audit, DicomWebProperties props,
            ApplicationEventPublisher events) throws IOException {
        this.index = index;
        this.events = events;
        this.store = store;
        this.audit = audit;
        this.incoming = props.incomingDir().isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : Files.createDirectories(Path.of(props.incomingDir()));
    }

    /**
     * Stores every part for {@code hospitalId}; {@code expectedStudy} (from the URL) or null.
     * A malformed body stops the loop with its exception; what was stored before it stays. Each
     * study with a stored instance is announced as {@link StudyArrived} at the end.
     */
    StowResult store(MultipartReader reader, Caller caller, String hospitalId, String expectedStudy, StowResult result)
            throws IOException {
        try {
            storeParts(reader, caller, hospitalId, expectedStudy, result);
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

    private void storeParts(MultipartReader reader, Caller caller, String hospitalId, String expectedStudy,
            StowResult result) throws IOException {
        for (MultipartReader.Part part; (part = reader.next()) != null; ) {
            String type = part.header("Content-Type");
            if (type == null || !baseType(type).equals("application/dicom")) {
                part.body().transferTo(OutputStream.nullOutputStream());
                result.failed.add(new StowResult.Failed("", "", Status.CANNOT_UNDERSTAND.code(),
                        "part of type " + type + " is not application/dicom"));
                continue;
            }
            Optional<byte[]> announced = ContentDigest.sha256(part.header("Content-Digest"));
            Path temp = Files.createTempFile(incoming, "stow-", ".dcm");
            try {
                storeOne(part.body(), announced, temp, caller, hospitalId, expectedStudy, result);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** {@code announced}: the part's Content-Digest sha-256 if it has one (empty bytes when unreadable). */
    private void storeOne(InputStream body, Optional<byte[]> announced, Path temp, Caller caller, String hospitalId,
            String expectedStudy, StowResult result) throws IOException {
        MessageDigest sha = sha256();
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
            size = body.transferTo(out);
        }
        byte[] received = sha.digest();
        String digest = HexFormat.of().formatHex(received);
        boolean intact = announced.isEmpty() || MessageDigest.isEqual(announced.get(), received);

        DicomInstance instance;
        try {
            instance = DicomInstance.read(temp);
        } catch (DicomFormatException e) {
            if (!intact) {
                result.failed.add(new StowResult.Failed("", "", Status.PROCESSING_FAILURE.code(),
                        "the part does not match its Content-Digest"));
                return;
            }
            result.failed.add(new StowResult.Failed("", "", Status.CANNOT_UNDERSTAND.code(),
                    "not a readable DICOM Part 10 instance: " + e.getMessage()));
            return;
        }
        InstanceIdentity id = instance.identity();
        if (!intact) {
            // damaged on the way: the sender sends it again
            fail(result, caller, hospitalId, id, Status.PROCESSING_FAILURE.code(),
                    "the part does not match its Content-Digest");
            return;
        }
        String sopClass = orEmpty(id.sopClassUid());
        String sop = orEmpty(id.sopInstanceUid());
        if (!UidSyntax.isValid(id.studyInstanceUid()) || !UidSyntax.isValid(id.seriesInstanceUid())
                || !UidSyntax.isValid(sop)) {
            fail(result, caller, hospitalId, id, Status.INVALID_ARGUMENT_VALUE.code(), "a UID is not valid DICOM UID syntax");
            return;
        }
        if (expectedStudy != null && !expectedStudy.equals(id.studyInstanceUid())) {
            fail(result, caller, hospitalId, id, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code(),
                    "instance is not of study " + expectedStudy);
            return;
        }
        Optional<StoredInstance> existing = index.findInstance(sop);
        if (existing.isPresent()) {
            alreadyThere(existing.get(), digest, caller, hospitalId, id, result);
            return;
        }
        Optional<String> owner = index.studyHospital(id.studyInstanceUid());
        if (owner.isPresent() && !owner.get().equals(hospitalId)) {
            fail(result, caller, hospitalId, id, Status.NOT_AUTHORIZED.code(), "the study belongs to another hospital");
            return;
        }

        String key = id.studyInstanceUid() + "/" + id.seriesInstanceUid() + "/" + sop + "/" + digest + ".dcm";
        try {
            store.create(key, temp);
        } catch (IOException e) {
            log.error("<< storing {} of study {} failed: {}", sop, id.studyInstanceUid(), e.toString());
            fail(result, caller, hospitalId, id, Status.OUT_OF_RESOURCES.code(), "the object store refused the instance");
            return;
        }
        ArchiveIndex.Outcome outcome = index.commit(indexed(instance, id, key, size, digest, hospitalId, caller));
        switch (outcome) {
            case STORED -> {
                stored(result, caller, hospitalId, id, "stored");
                log.info(">> stored {} of study {} for {} ({} bytes)", sop, id.studyInstanceUid(), hospitalId, size);
            }
            case ALREADY_STORED -> {
                // a concurrent request indexed the same bytes under the same key first
                stored(result, caller, hospitalId, id, "already stored");
            }
            case CONFLICT -> {
                store.remove(key);
                fail(result, caller, hospitalId, id, Status.DUPLICATE_SOP_INSTANCE.code(),
                        "a different instance with this SOP Instance UID is already stored");
            }
            case OTHER_OWNER -> {
                store.remove(key);
                fail(result, caller, hospitalId, id, Status.NOT_AUTHORIZED.code(),
                        "the study or series belongs to another hospital or study");
            }
        }
    }

    private void alreadyThere(StoredInstance existing, String digest, Caller caller, String hospitalId,
            InstanceIdentity id, StowResult result) {
        if (!existing.hospitalId().equals(hospitalId)) {
            fail(result, caller, hospitalId, id, Status.NOT_AUTHORIZED.code(), "the instance belongs to another hospital");
        } else if (existing.sha256().equals(digest)) {
            stored(result, caller, hospitalId, id, "already stored");
        } else {
            fail(result, caller, hospitalId, id, Status.DUPLICATE_SOP_INSTANCE.code(),
                    "a different instance with this SOP Instance UID is already stored");
        }
    }

    private void stored(StowResult result, Caller caller, String hospitalId, InstanceIdentity id, String detail) {
        result.referenced.add(new StowResult.Referenced(id.sopClassUid(), id.sopInstanceUid(), id.studyInstanceUid(),
                id.seriesInstanceUid()));
        result.studies.add(id.studyInstanceUid());
        record(caller, hospitalId, id, "success", detail);
    }

    private void fail(StowResult result, Caller caller, String hospitalId, InstanceIdentity id, int reason, String why) {
        result.failed.add(new StowResult.Failed(orEmpty(id.sopClassUid()), orEmpty(id.sopInstanceUid()), reason, why));
        record(caller, hospitalId, id, reason == Status.DUPLICATE_SOP_INSTANCE.code() ? "conflict"
                : reason == Status.NOT_AUTHORIZED.code() ? "denied" : "rejected", why);
    }

    private void record(Caller caller, String hospitalId, InstanceIdentity id, String outcome, String detail) {
        audit.append(AuditEntry.of(caller.actor(), caller.roleNames(), hospitalId, "STOW instance",
                id.studyInstanceUid(), id.seriesInstanceUid(), id.sopInstanceUid(), outcome, caller.clientAddress(),
                detail));
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
                id.rows(), id.columns(), id.frames(), key, size, sha, hospitalId, caller.actor(), frameRanges(in));
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

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
