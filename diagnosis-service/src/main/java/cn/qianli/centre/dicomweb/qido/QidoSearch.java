package cn.qianli.centre.dicomweb.qido;

import cn.qianli.centre.dicomweb.DicomJson;
import cn.qianli.centre.security.Tenancy;
import cn.qianli.dicom.Tag;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs a QIDO-RS search in the index, within the caller's tenancy, and answers DICOM JSON. */
@Component
class QidoSearch {

    private final NamedParameterJdbcTemplate jdbc;

    QidoSearch(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    List<Map<String, Object>> search(Level level, QidoQuery query, Tenancy tenancy, String baseUrl) {
        String from = switch (level) {
            case STUDY -> "study st";
            case SERIES -> "series se JOIN study st ON st.pk = se.study_pk";
            case INSTANCE -> "instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk";
        };
        String columns = switch (level) {
            case STUDY -> "st.*";
            case SERIES -> "st.*, se.series_instance_uid, se.modality, se.series_number, se.series_description,"
                    + " se.body_part_examined, se.series_date, se.series_time, se.number_of_instances AS series_instances";
            case INSTANCE -> "st.*, se.series_instance_uid, se.modality, se.series_number, se.series_description,"
                    + " se.body_part_examined, se.series_date, se.series_time, se.number_of_instances AS series_instances,"
                    + " i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.rows, i.columns, i.number_of_frames";
        };
        String order = switch (level) {
            case STUDY -> "st.study_date DESC, st.pk DESC";
            case SERIES -> "st.pk DESC, se.pk";
            case INSTANCE -> "st.pk DESC, se.pk, i.pk";
        };
        List<String> where = new ArrayList<>(query.where);
        where.add(tenancy.predicate());
        query.params.addValues(tenancy.params());
        query.params.addValue("limit", query.limit).addValue("offset", query.offset);
        String sql = "SELECT " + columns + " FROM " + from + " WHERE " + String.join(" AND ", where)
                + " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
        return jdbc.query(sql, query.params, (rs, n) -> row(level, rs, baseUrl));
    }

    private static Map<String, Object> row(Level level, ResultSet rs, String baseUrl) throws SQLException {
        DicomJson json = new DicomJson();
        String study = rs.getString("study_instance_uid");
        json.string(Tag.SpecificCharacterSet, "CS", "ISO_IR 192")
                .string(Tag.StudyDate, "DA", rs.getString("study_date"))
                .string(Tag.StudyTime, "TM", rs.getString("study_time"))
                .string(Tag.AccessionNumber, "SH", rs.getString("accession_number"))
                .strings(Tag.ModalitiesInStudy, "CS", strings(rs.getArray("modalities_in_study")))
                .personName(Tag.ReferringPhysicianName, rs.getString("referring_physician_name"))
                .string(Tag.StudyDescription, "LO", rs.getString("study_description"))
                .personName(Tag.PatientName, rs.getString("patient_name"))
                .string(Tag.PatientID, "LO", rs.getString("patient_id"))
                .string(Tag.PatientBirthDate, "DA", rs.getString("patient_birth_date"))
                .string(Tag.PatientSex, "CS", rs.getString("patient_sex"))
                .string(Tag.StudyInstanceUID, "UI", study)
                .string(Tag.StudyID, "SH", rs.getString("study_id"))
                .number(Tag.NumberOfStudyRelatedSeries, "IS", rs.getLong("number_of_series"))
                .number(Tag.NumberOfStudyRelatedInstances, "IS", rs.getLong("number_of_instances"));
        String url = baseUrl + "/studies/" + study;
        if (level != Level.STUDY) {
            String series = rs.getString("series_instance_uid");
            url += "/series/" + series;
            json.string(Tag.SeriesInstanceUID, "UI", series)
                    .string(Tag.Modality, "CS", rs.getString("modality"))
                    .integerString(Tag.SeriesNumber, rs.getString("series_number"))
                    .string(Tag.SeriesDescription, "LO", rs.getString("series_description"))
                    .string(Tag.BodyPartExamined, "CS", rs.getString("body_part_examined"))
                    .string(Tag.SeriesDate, "DA", rs.getString("series_date"))
                    .string(Tag.SeriesTime, "TM", rs.getString("series_time"))
                    .number(Tag.NumberOfSeriesRelatedInstances, "IS", rs.getLong("series_instances"));
        }
        if (level == Level.INSTANCE) {
            String sop = rs.getString("sop_instance_uid");
            url += "/instances/" + sop;
            json.string(Tag.SOPClassUID, "UI", rs.getString("sop_class_uid"))
                    .string(Tag.SOPInstanceUID, "UI", sop)
                    .integerString(Tag.InstanceNumber, rs.getString("instance_number"))
                    .number(Tag.Rows, "US", positive(rs.getLong("rows")))
                    .number(Tag.Columns, "US", positive(rs.getLong("columns")))
                    .number(Tag.NumberOfFrames, "IS", positive(rs.getLong("number_of_frames")));
        }
        json.string(Tag.RetrieveURL, "UR", url);
        return json.toMap();
    }

    private static Long positive(long v) {
        return v > 0 ? v : null;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
