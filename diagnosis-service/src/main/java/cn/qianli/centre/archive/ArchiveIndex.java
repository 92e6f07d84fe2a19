package cn.qianli.centre.archive;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and commits index rows. */
@Component
public class ArchiveIndex {

    /** How committing an instance ended. */
    public enum Outcome {
        /** a new row now points at the object */
        STORED,
        /** the same bytes were already indexed under this SOP Instance UID */
        ALREADY_STORED,
        /** other bytes are indexed under this SOP Instance UID; nothing changed */
        CONFLICT,
        /** the study (or series) belongs to another hospital or study; nothing changed */
        OTHER_OWNER
    }

    static final String INSTANCE_COLUMNS = """
            st.study_instance_uid, se.series_instance_uid, i.sop_instance_uid, i.sop_class_uid,
            i.transfer_syntax_uid, st.hospital_id, i.object_key, i.object_size, i.sha256,
            coalesce(i.number_of_frames, 0) AS number_of_frames""";

    static final RowMapper<StoredInstance> INSTANCE = (rs, n) -> new StoredInstance(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getLong(8), rs.getString(9), rs.getInt(10));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    ArchiveIndex(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
    }

    /** The indexed instance, whoever owns it (callers apply tenancy). */
    public Optional<StoredInstance> findInstance(String sopInstanceUid) {
        List<StoredInstance> rows = jdbc.query("SELECT " + INSTANCE_COLUMNS + """
                 FROM instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk
                WHERE i.sop_instance_uid = :sop""", new MapSqlParameterSource("sop", sopInstanceUid), INSTANCE);
        return rows.stream().findFirst();
    }

    /** The hospital a study belongs to, if it is indexed. */
    public Optional<String> studyHospital(String studyInstanceUid) {
        return jdbc.queryForList("SELECT hospital_id FROM study WHERE study_instance_uid = :uid",
                new MapSqlParameterSource("uid", studyInstanceUid), String.class).stream().findFirst();
    }

    public boolean hospitalExists(String hospitalId) {
        return !jdbc.queryForList("SELECT id FROM hospital WHERE id = :id", new MapSqlParameterSource("id", hospitalId),
                String.class).isEmpty();
    }

    /** The hospital a gateway client belongs to. */
    public Optional<String> gatewayHospital(String clientId) {
        return jdbc.queryForList("SELECT hospital_id FROM gateway WHERE client_id = :c",
                new MapSqlParameterSource("c", clientId), String.class).stream().findFirst();
    }

    /**
     * Commits the row for an instance whose object is already in the store, creating its study
     * and series rows when they are new and keeping their counts.
     */
    public Outcome commit(IndexedInstance in) {
        return tx.execute(status -> {
            MapSqlParameterSource p = params(in);
            jdbc.update("""
                    INSERT INTO study (study_instance_uid, hospital_id, patient_id, patient_name,
                        patient_name_alphabetic, patient_name_ideographic, patient_name_phonetic,
                        patient_birth_date, patient_sex, study_date, study_time, accession_number, study_id,
                        study_description, referring_physician_name)
                    VALUES (:study, :hospital, :patientId, :patientName, :pnA, :pnI, :pnP, :birthDate, :sex,
                        :studyDate, :studyTime, :accession, :studyId, :studyDescription, :referring)
                    ON CONFLICT (study_instance_uid) DO NOTHING""", p);
            var study = jdbc.queryForMap(
                    "SELECT pk, hospital_id FROM study WHERE study_instance_uid = :study FOR UPDATE", p);
            if (!in.hospitalId().equals(study.get("hospital_id"))) {
                status.setRollbackOnly();
                return Outcome.OTHER_OWNER;
            }
            long studyPk = ((Number) study.get("pk")).longValue();
            p.addValue("studyPk", studyPk);
            jdbc.update("""
                    INSERT INTO series (study_pk, series_instance_uid, modality, series_number, series_description,
                        body_part_examined)
                    VALUES (:studyPk, :series, :modality, :seriesNumber, :seriesDescription, :bodyPart)
                    ON CONFLICT (series_instance_uid) DO NOTHING""", p);
            var series = jdbc.queryForMap("SELECT pk, study_pk FROM series WHERE series_instance_uid = :series", p);
            if (((Number) series.get("study_pk")).longValue() != studyPk) {
                status.setRollbackOnly();
                return Outcome.OTHER_OWNER;
            }
            p.addValue("seriesPk", ((Number) series.get("pk")).longValue());
            List<Long> inserted = jdbc.queryForList("""
                    INSERT INTO instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid,
                        instance_number, rows, columns, number_of_frames, object_key, object_size, sha256,
                        sent_by_hospital_id, sent_by, frame_ranges)
                    VALUES (:seriesPk, :sop, :sopClass, :ts, :instanceNumber, :rows, :columns, :frames, :key,
                        :size, :sha, :hospital, :sentBy, CAST(:frameRanges AS jsonb))
                    ON CONFLICT (sop_instance_uid) DO NOTHING
                    RETURNING pk""", p, Long.class);
            if (inserted.isEmpty()) {
                String sha = jdbc.queryForObject("SELECT sha256 FROM instance WHERE sop_instance_uid = :sop", p,
                        String.class);
                // leave no study or series row this attempt may have created
                status.setRollbackOnly();
                return in.sha256().equals(sha) ? Outcome.ALREADY_STORED : Outcome.CONFLICT;
            }
            jdbc.update("UPDATE series SET number_of_instances = number_of_instances + 1 WHERE pk = :seriesPk", p);
            jdbc.update("""
                    UPDATE study SET number_of_instances = number_of_instances + 1,
                        number_of_series = (SELECT count(*) FROM series WHERE study_pk = :studyPk),
                        modalities_in_study = CASE WHEN :modality = '' OR :modality = ANY(modalities_in_study)
                            THEN modalities_in_study ELSE array_append(modalities_in_study, :modality::text) END,
                        updated_at = now()
                    WHERE pk = :studyPk""", p);
            return Outcome.STORED;
        });
    }

    private static MapSqlParameterSource params(IndexedInstance in) {
        List<String> pn = in.patientNameGroups();
        return new MapSqlParameterSource()
                .addValue("study", in.studyInstanceUid()).addValue("series", in.seriesInstanceUid())
                .addValue("sop", in.sopInstanceUid()).addValue("sopClass", in.sopClassUid())
                .addValue("ts", in.transferSyntaxUid()).addValue("hospital", in.hospitalId())
                .addValue("patientId", in.patientId()).addValue("patientName", in.patientName())
                .addValue("pnA", pn.get(0)).addValue("pnI", pn.get(1)).addValue("pnP", pn.get(2))
                .addValue("birthDate", in.patientBirthDate()).addValue("sex", in.patientSex())
                .addValue("studyDate", in.studyDate()).addValue("studyTime", in.studyTime())
                .addValue("accession", in.accessionNumber()).addValue("studyId", in.studyId())
                .addValue("studyDescription", in.studyDescription())
                .addValue("referring", in.referringPhysicianName()).addValue("modality", in.modality())
                .addValue("seriesNumber", in.seriesNumber()).addValue("seriesDescription", in.seriesDescription())
                .addValue("bodyPart", in.bodyPartExamined()).addValue("instanceNumber", in.instanceNumber())
                .addValue("rows", in.rows()).addValue("columns", in.columns())
                .addValue("frames", in.numberOfFrames()).addValue("key", in.objectKey())
                .addValue("size", in.objectSize()).addValue("sha", in.sha256()).addValue("sentBy", in.sentBy())
                .addValue("frameRanges", in.frameRanges(), java.sql.Types.VARCHAR);
    }
}
