package cn.qianli.centre.archive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    private static final String INSERT_STUDY = """
            INSERT INTO study (study_instance_uid, hospital_id, patient_id, patient_name,
                patient_name_alphabetic, patient_name_ideographic, patient_name_phonetic,
                patient_birth_date, patient_sex, study_date, study_time, accession_number, study_id,
                study_description, referring_physician_name)
            VALUES (:study, :hospital, :patientId, :patientName, :pnA, :pnI, :pnP, :birthDate, :sex,
                :studyDate, :studyTime, :accession, :studyId, :studyDescription, :referring)
            ON CONFLICT (study_instance_uid) DO NOTHING""";

    private static final String INSERT_SERIES = """
            INSERT INTO series (study_pk, series_instance_uid, modality, series_number, series_description,
                body_part_examined)
            VALUES (:studyPk, :series, :modality, :seriesNumber, :seriesDescription, :bodyPart)
            ON CONFLICT (series_instance_uid) DO NOTHING""";

    private static final String INSERT_INSTANCE = """
            INSERT INTO instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid,
                instance_number, rows, columns, number_of_frames, object_key, object_size, sha256,
                sent_by_hospital_id, sent_by, frame_ranges, metadata)
            VALUES (:seriesPk, :sop, :sopClass, :ts, :instanceNumber, :rows, :columns, :frames, :key,
                :size, :sha, :hospital, :sentBy, CAST(:frameRanges AS jsonb), :metadata)
            ON CONFLICT (sop_instance_uid) DO NOTHING""";

    /** {@link #INSERT_INSTANCE} with positional parameters, for the batch of a group (see {@link #setInstance}). */
    private static final String INSERT_INSTANCE_POSITIONAL = """
            INSERT INTO instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid,
                instance_number, rows, columns, number_of_frames, object_key, object_size, sha256,
                sent_by_hospital_id, sent_by, frame_ranges, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
            ON CONFLICT (sop_instance_uid) DO NOTHING""";

    /** Adds {@code :added} instances of {@code :modality} to the study's counts. */
    private static final String UPDATE_STUDY = """
            UPDATE study SET number_of_instances = number_of_instances + :added,
                number_of_series = (SELECT count(*) FROM series WHERE study_pk = :studyPk),
                modalities_in_study = CASE WHEN :modality = '' OR :modality = ANY(modalities_in_study)
                    THEN modalities_in_study ELSE array_append(modalities_in_study, :modality::text) END,
                updated_at = now()
            WHERE pk = :studyPk""";

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

    /** The indexed instances among {@code sopInstanceUids}, by SOP Instance UID. */
    public Map<String, StoredInstance> findInstances(Collection<String> sopInstanceUids) {
        Map<String, StoredInstance> found = new HashMap<>();
        if (!sopInstanceUids.isEmpty()) {
            jdbc.query("SELECT " + INSTANCE_COLUMNS + """
                     FROM instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk
                    WHERE i.sop_instance_uid IN (:sops)""", new MapSqlParameterSource("sops", sopInstanceUids), INSTANCE)
                    .forEach(row -> found.put(row.sopInstanceUid(), row));
        }
        return found;
    }

    /** The hospital of each indexed study among {@code studyInstanceUids}. */
    public Map<String, String> studyHospitals(Collection<String> studyInstanceUids) {
        Map<String, String> found = new HashMap<>();
        if (!studyInstanceUids.isEmpty()) {
            jdbc.query("SELECT study_instance_uid, hospital_id FROM study WHERE study_instance_uid IN (:uids)",
                    new MapSqlParameterSource("uids", studyInstanceUids),
                    (RowCallbackHandler) rs -> found.put(rs.getString(1), rs.getString(2)));
        }
        return found;
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
            jdbc.update(INSERT_STUDY, p);
            var study = jdbc.queryForMap(
                    "SELECT pk, hospital_id FROM study WHERE study_instance_uid = :study FOR UPDATE", p);
            if (!in.hospitalId().equals(study.get("hospital_id"))) {
                status.setRollbackOnly();
                return Outcome.OTHER_OWNER;
            }
            long studyPk = ((Number) study.get("pk")).longValue();
            p.addValue("studyPk", studyPk);
            jdbc.update(INSERT_SERIES, p);
            var series = jdbc.queryForMap("SELECT pk, study_pk FROM series WHERE series_instance_uid = :series", p);
            if (((Number) series.get("study_pk")).longValue() != studyPk) {
                status.setRollbackOnly();
                return Outcome.OTHER_OWNER;
            }
            p.addValue("seriesPk", ((Number) series.get("pk")).longValue());
            List<Long> inserted = jdbc.queryForList(INSERT_INSTANCE + " RETURNING pk", p, Long.class);
            if (inserted.isEmpty()) {
                String sha = jdbc.queryForObject("SELECT sha256 FROM instance WHERE sop_instance_uid = :sop", p,
                        String.class);
                // leave no study or series row this attempt may have created
                status.setRollbackOnly();
                return in.sha256().equals(sha) ? Outcome.ALREADY_STORED : Outcome.CONFLICT;
            }
            jdbc.update("UPDATE series SET number_of_instances = number_of_instances + 1 WHERE pk = :seriesPk", p);
            jdbc.update(UPDATE_STUDY, p.addValue("added", 1));
            return Outcome.STORED;
        });
    }

    /**
     * Commits the rows of instances whose objects are already in the store, all in one
     * transaction with a few statements for the lot, then runs {@code beforeCommit} in that
     * transaction (the audit entries that record them). The instances must have distinct SOP
     * Instance UIDs and all be of {@code hospitalId}'s studies. Returns false, having changed
     * nothing, when any of them meets a row that makes it other than a new instance (another
     * request stored it meanwhile, its study or series belongs elsewhere): the caller then
     * commits them one at a time with {@link #commit(IndexedInstance)}.
     */
    public boolean commitAll(List<IndexedInstance> instances, String hospitalId, Runnable beforeCommit) {
        if (instances.isEmpty()) {
            beforeCommit.run();
            return true;
        }
        Boolean done = tx.execute(status -> {
            if (!commitRows(instances, hospitalId)) {
                status.setRollbackOnly();
                return false;
            }
            beforeCommit.run();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** The statements of {@link #commitAll}; rows are taken in UID order so concurrent groups do not deadlock. */
    private boolean commitRows(List<IndexedInstance> instances, String hospitalId) {
        // the first instance of each study and series gives its attributes, as one at a time would
        TreeMap<String, IndexedInstance> studies = new TreeMap<>();
        TreeMap<String, IndexedInstance> series = new TreeMap<>();
        for (IndexedInstance in : instances) {
            studies.putIfAbsent(in.studyInstanceUid(), in);
            series.putIfAbsent(in.seriesInstanceUid(), in);
        }
        jdbc.batchUpdate(INSERT_STUDY, studies.values().stream().map(ArchiveIndex::params)
                .toArray(MapSqlParameterSource[]::new));
        Map<String, Long> studyPks = new HashMap<>();
        boolean[] ours = {true};
        jdbc.query("""
                SELECT study_instance_uid, pk, hospital_id FROM study WHERE study_instance_uid IN (:uids)
                 ORDER BY study_instance_uid FOR UPDATE""", new MapSqlParameterSource("uids", studies.keySet()),
                (RowCallbackHandler) rs -> {
                    studyPks.put(rs.getString(1), rs.getLong(2));
                    ours[0] &= hospitalId.equals(rs.getString(3));
                });
        if (!ours[0] || studyPks.size() != studies.size()) {
            return false;
        }
        jdbc.batchUpdate(INSERT_SERIES, series.values().stream()
                .map(in -> params(in).addValue("studyPk", studyPks.get(in.studyInstanceUid())))
                .toArray(MapSqlParameterSource[]::new));
        Map<String, Long> seriesPks = new HashMap<>();
        boolean[] inStudy = {true};
        jdbc.query("SELECT series_instance_uid, pk, study_pk FROM series WHERE series_instance_uid IN (:uids)",
                new MapSqlParameterSource("uids", series.keySet()), (RowCallbackHandler) rs -> {
                    seriesPks.put(rs.getString(1), rs.getLong(2));
                    inStudy[0] &= studyPks.get(series.get(rs.getString(1)).studyInstanceUid()) == rs.getLong(3);
                });
        if (!inStudy[0] || seriesPks.size() != series.size()) {
            return false;
        }
        List<IndexedInstance> bySop = instances.stream()
                .sorted(Comparator.comparing(IndexedInstance::sopInstanceUid)).toList();
        int[] inserted = jdbc.getJdbcTemplate().batchUpdate(INSERT_INSTANCE_POSITIONAL,
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        IndexedInstance in = bySop.get(i);
                        setInstance(ps, seriesPks.get(in.seriesInstanceUid()), in);
                    }

                    @Override
                    public int getBatchSize() {
                        return bySop.size();
                    }
                });
        for (int n : inserted) {
            if (n != 1) {
                return false;
            }
        }
        Map<String, Integer> perSeries = new TreeMap<>();
        Map<String, Integer> perStudy = new TreeMap<>();
        Map<String, LinkedHashSet<String>> modalities = new TreeMap<>();
        for (IndexedInstance in : instances) {
            perSeries.merge(in.seriesInstanceUid(), 1, Integer::sum);
            perStudy.merge(in.studyInstanceUid(), 1, Integer::sum);
            modalities.computeIfAbsent(in.studyInstanceUid(), k -> new LinkedHashSet<>()).add(in.modality());
        }
        jdbc.batchUpdate("UPDATE series SET number_of_instances = number_of_instances + :added WHERE pk = :seriesPk",
                perSeries.entrySet().stream().map(e -> new MapSqlParameterSource("added", e.getValue())
                        .addValue("seriesPk", seriesPks.get(e.getKey()))).toArray(MapSqlParameterSource[]::new));
        List<MapSqlParameterSource> studyUpdates = new ArrayList<>();
        for (var e : perStudy.entrySet()) {
            int added = e.getValue();
            // one update per modality of the study in this group; the first adds the instances
            for (String modality : modalities.get(e.getKey())) {
                studyUpdates.add(new MapSqlParameterSource("studyPk", studyPks.get(e.getKey()))
                        .addValue("added", added).addValue("modality", modality));
                added = 0;
            }
        }
        jdbc.batchUpdate(UPDATE_STUDY, studyUpdates.toArray(MapSqlParameterSource[]::new));
        return true;
    }

    /** The parameters of {@link #INSERT_INSTANCE_POSITIONAL}, in its order. */
    private static void setInstance(PreparedStatement ps, long seriesPk, IndexedInstance in) throws SQLException {
        ps.setLong(1, seriesPk);
        ps.setString(2, in.sopInstanceUid());
        ps.setString(3, in.sopClassUid());
        ps.setString(4, in.transferSyntaxUid());
        ps.setString(5, in.instanceNumber());
        ps.setInt(6, in.rows());
        ps.setInt(7, in.columns());
        ps.setInt(8, in.numberOfFrames());
        ps.setString(9, in.objectKey());
        ps.setLong(10, in.objectSize());
        ps.setString(11, in.sha256());
        ps.setString(12, in.hospitalId());
        ps.setString(13, in.sentBy());
        ps.setString(14, in.frameRanges());
        ps.setString(15, in.metadata());
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
                .addValue("frameRanges", in.frameRanges(), java.sql.Types.VARCHAR)
                .addValue("metadata", in.metadata(), java.sql.Types.VARCHAR);
    }
}
