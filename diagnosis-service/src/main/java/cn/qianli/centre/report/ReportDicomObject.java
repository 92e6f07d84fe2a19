package cn.qianli.centre.report;

import cn.qianli.centre.archive.ArchiveIndex;
import cn.qianli.centre.archive.IndexedInstance;
import cn.qianli.centre.reading.ReadingRequest;
import cn.qianli.centre.reading.ReadingWorkflow;
import cn.qianli.centre.reading.WorkflowAudit;
import cn.qianli.centre.storage.ObjectStore;
import cn.qianli.dicom.Uid;
import cn.qianli.dicom.report.EncapsulatedPdfReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a final report or an addendum is signed, stores the report PDF as an Encapsulated PDF
 * instance of its study, through the archive's own path (object first, then the index row), so
 * any PACS that retrieves the study over DICOMweb gets the report with it.
 */
@Component
class ReportDicomObject {

    private static final Logger log = LoggerFactory.getLogger(ReportDicomObject.class);
    static final String SENDER = "diagnosis-service";

    private final ReportService reports;
    private final ReportPdf pdf;
    private final ReportProperties props;
    private final ReadingWorkflow workflow;
    private final ObjectStore store;
    private final ArchiveIndex index;
    private final WorkflowAudit audit;
    private final NamedParameterJdbcTemplate jdbc;

    ReportDicomObject(ReportService reports, ReportPdf pdf, ReportProperties props, ReadingWorkflow workflow,
            ObjectStore store, ArchiveIndex index, WorkflowAudit audit, DataSource dataSource) {
        this.reports = reports;
        this.pdf = pdf;
        this.props = props;
        this.workflow = workflow;
        this.store = store;
        this.index = index;
        this.audit = audit;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @EventListener
    void on(ReportSigned signed) {
        try {
            store(signed);
        } catch (IOException | RuntimeException e) {
            log.error("report object of request {} (study {}) not stored: {}", signed.requestId(),
                    signed.studyInstanceUid(), e.toString());
        }
    }

    /** Renders, writes and stores the object; returns its SOP Instance UID. */
    String store(ReportSigned signed) throws IOException {
        ReadingRequest request = workflow.visibleToCentre(signed.requestId());
        Report report = reports.current(signed.requestId());
        byte[] document = pdf.render(request, report);
        Map<String, Object> study = jdbc.queryForMap("""
                SELECT patient_id, patient_name, patient_birth_date, patient_sex, study_date, study_time,
                       accession_number, study_id, study_description, referring_physician_name
                  FROM study WHERE study_instance_uid = :uid""", new MapSqlParameterSource("uid", request.studyInstanceUid()));
        String series = seriesOf(report);
        String sop = newUid();
        int instanceNumber = 1 + report.addenda().size();
        LocalDateTime signedAt = LocalDateTime.ofInstant(
                report.addenda().isEmpty() ? report.finalSignedAt() : report.addenda().getLast().signedAt(),
                workflow.properties().workingHours().zone());
        EncapsulatedPdfReport object = new EncapsulatedPdfReport(request.studyInstanceUid(), series, sop,
                text(study, "patient_id"), text(study, "patient_name"), text(study, "patient_birth_date"),
                text(study, "patient_sex"), text(study, "study_date"), text(study, "study_time"),
                text(study, "accession_number"), text(study, "study_id"), text(study, "referring_physician_name"),
                request.hospitalName(), props.stationName(), "Qianli", 900, instanceNumber, signedAt,
                "zh".equals(report.language()) ? "影像诊断报告 Imaging Report" : "Imaging Report 影像诊断报告");
        Path temp = Files.createTempFile("report-", ".dcm");
        try {
            object.write(document, temp);
            String sha = sha256(temp);
            long size = Files.size(temp);
            String key = request.studyInstanceUid() + "/" + series + "/" + sop + "/" + sha + ".dcm";
            store.create(key, temp);
            ArchiveIndex.Outcome outcome = index.commit(new IndexedInstance(request.studyInstanceUid(), series, sop,
                    Uid.ENCAPSULATED_PDF_STORAGE, Uid.EXPLICIT_VR_LITTLE_ENDIAN, text(study, "patient_id"),
                    text(study, "patient_name"), text(study, "patient_birth_date"), text(study, "patient_sex"),
                    text(study, "study_date"), text(study, "study_time"), text(study, "accession_number"),
                    text(study, "study_id"), text(study, "study_description"), text(study, "referring_physician_name"),
                    "DOC", "900", "诊断报告 Report", "", Integer.toString(instanceNumber), 0, 0, 0, key, size, sha,
                    request.hospitalId(), SENDER, null, null));
            if (outcome != ArchiveIndex.Outcome.STORED) {
                store.remove(key);
                throw new IOException("the index refused the report object: " + outcome);
            }
            reports.recordDicomObject(report.id(), series, sop);
            audit.recordSystem("store report object", request.hospitalId(), request.studyInstanceUid(),
                    "Encapsulated PDF " + sop);
            log.info("<< report object {} of request {} stored with study {}", sop, request.id(), request.studyInstanceUid());
            return sop;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private String seriesOf(Report report) {
        List<String> known = jdbc.queryForList("SELECT dicom_series_instance_uid FROM report WHERE id = :id",
                new MapSqlParameterSource("id", report.id()), String.class);
        return known.isEmpty() || known.get(0) == null ? newUid() : known.get(0);
    }

    /** A UUID-derived UID (PS3.5 B.2). */
    static String newUid() {
        UUID u = UUID.randomUUID();
        java.math.BigInteger value = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    private static String text(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? "" : v.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                Files.copy(file, out);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
