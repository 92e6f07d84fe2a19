package cn.qianli.centre.dicomweb.qido;

import cn.qianli.centre.problem.Problem;
import cn.qianli.dicom.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.util.MultiValueMap;

/**
 * A QIDO-RS request's query parameters turned into SQL conditions over {@code study st},
 * {@code series se} and {@code instance i}. Matching keys are keywords or tags (e.g.
 * {@code PatientID} or {@code 00100020}); unknown keys are refused, so no parameter passes silently.
 */
final class QidoQuery {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private enum Kind { UIDS, TEXT, PERSON_NAME, DATE, MODALITIES }

    private record Attribute(String keyword, int tag, Level level, String column, Kind kind) {
    }

    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("StudyInstanceUID", Tag.StudyInstanceUID, Level.STUDY, "st.study_instance_uid", Kind.UIDS),
            new Attribute("PatientID", Tag.PatientID, Level.STUDY, "st.patient_id", Kind.TEXT),
            new Attribute("PatientName", Tag.PatientName, Level.STUDY, "st", Kind.PERSON_NAME),
            new Attribute("StudyDate", Tag.StudyDate, Level.STUDY, "st.study_date", Kind.DATE),
            new Attribute("AccessionNumber", Tag.AccessionNumber, Level.STUDY, "st.accession_number", Kind.TEXT),
            new Attribute("ModalitiesInStudy", Tag.ModalitiesInStudy, Level.STUDY, "st.modalities_in_study", Kind.MODALITIES),
            new Attribute("StudyID", Tag.StudyID, Level.STUDY, "st.study_id", Kind.TEXT),
            new Attribute("StudyDescription", Tag.StudyDescription, Level.STUDY, "st.study_description", Kind.TEXT),
            new Attribute("ReferringPhysicianName", Tag.ReferringPhysicianName, Level.STUDY, "st.referring_physician_name", Kind.TEXT),
            new Attribute("SeriesInstanceUID", Tag.SeriesInstanceUID, Level.SERIES, "se.series_instance_uid", Kind.UIDS),
            new Attribute("Modality", Tag.Modality, Level.SERIES, "se.modality", Kind.TEXT),
            new Attribute("SeriesNumber", Tag.SeriesNumber, Level.SERIES, "se.series_number", Kind.TEXT),
            new Attribute("SeriesDescription", Tag.SeriesDescription, Level.SERIES, "se.series_description", Kind.TEXT),
            new Attribute("BodyPartExamined", Tag.BodyPartExamined, Level.SERIES, "se.body_part_examined", Kind.TEXT),
            new Attribute("SOPInstanceUID", Tag.SOPInstanceUID, Level.INSTANCE, "i.sop_instance_uid", Kind.UIDS),
            new Attribute("SOPClassUID", Tag.SOPClassUID, Level.INSTANCE, "i.sop_class_uid", Kind.UIDS),
            new Attribute("InstanceNumber", Tag.InstanceNumber, Level.INSTANCE, "i.instance_number", Kind.TEXT));

    private static final Map<String, Attribute> BY_KEY = new HashMap<>();

    static {
        for (Attribute a : ATTRIBUTES) {
            BY_KEY.put(a.keyword(), a);
            BY_KEY.put(String.format("%08X", a.tag()), a);
        }
    }

    final List<String> where;
    final MapSqlParameterSource params;
    final int limit;
    final int offset;
    final boolean fuzzyMatchingRequested;

    private QidoQuery(List<String> where, MapSqlParameterSource params, int limit, int offset, boolean fuzzy) {
        this.where = where;
        this.params = params;
        this.limit = limit;
        this.offset = offset;
        this.fuzzyMatchingRequested = fuzzy;
    }

    static QidoQuery of(Level level, MultiValueMap<String, String> query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Matching matching = new Matching(params);
        int limit = DEFAULT_LIMIT;
        int offset = 0;
        boolean fuzzy = false;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String key = e.getKey();
            for (String value : e.getValue()) {
                value = value == null ? "" : value;
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "limit" -> limit = Math.min(number(key, value), MAX_LIMIT);
                    case "offset" -> offset = number(key, value);
                    case "fuzzymatching" -> fuzzy = bool(key, value);
                    case "includefield" -> includeField(value);
                    default -> match(level, matching, key, value);
                }
            }
        }
        return new QidoQuery(matching.where(), params, limit, offset, fuzzy);
    }

    private static void match(Level level, Matching matching, String key, String value) {
        Attribute a = BY_KEY.get(key);
        if (a == null) {
            a = BY_KEY.get(key.toUpperCase(Locale.ROOT));
        }
        if (a == null) {
            throw Problem.INVALID_QUERY_PARAMETER.exception("unsupported query key " + printable(key));
        }
        if (a.level().ordinal() > level.ordinal()) {
            throw Problem.INVALID_QUERY_PARAMETER.exception(a.keyword() + " is not a matching key at the "
                    + level.name().toLowerCase(Locale.ROOT) + " level");
        }
        if (value.isEmpty()) {
            return; // universal matching
        }
        switch (a.kind()) {
            case UIDS -> matching.uids(a.column(), a.keyword(), value);
            case TEXT -> matching.text(a.column(), a.keyword(), value);
            case PERSON_NAME -> matching.personName(a.column(), a.keyword(), value);
            case DATE -> matching.dateRange(a.column(), a.keyword(), value);
            case MODALITIES -> matching.anyOf(a.column(), a.keyword(), value);
        }
    }

    /** includefield takes keywords, tags or "all"; every one must be known. */
    private static void includeField(String value) {
        for (String field : value.split(",")) {
            String f = field.strip();
            if (!f.equals("all") && !BY_KEY.containsKey(f) && !BY_KEY.containsKey(f.toUpperCase(Locale.ROOT))
                    && !RETURNED.contains(f)) {
                throw Problem.INVALID_QUERY_PARAMETER.exception("includefield names an unknown attribute " + printable(f));
            }
        }
    }

    /** Attributes returned that are not matching keys. */
    private static final List<String> RETURNED = List.of("NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances",
            "NumberOfSeriesRelatedInstances", "PatientBirthDate", "PatientSex", "StudyTime", "Rows", "Columns",
            "NumberOfFrames", "RetrieveURL", "SeriesDate", "SeriesTime",
            String.format("%08X", Tag.NumberOfStudyRelatedSeries), String.format("%08X", Tag.NumberOfStudyRelatedInstances),
            String.format("%08X", Tag.NumberOfSeriesRelatedInstances), String.format("%08X", Tag.PatientBirthDate),
            String.format("%08X", Tag.PatientSex), String.format("%08X", Tag.StudyTime),
            String.format("%08X", Tag.Rows), String.format("%08X", Tag.Columns),
            String.format("%08X", Tag.NumberOfFrames), String.format("%08X", Tag.RetrieveURL));

    private static int number(String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Problem.INVALID_QUERY_PARAMETER.exception(key + " must be a non-negative integer");
        }
    }

    private static boolean bool(String key, String value) {
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true");
        }
        throw Problem.INVALID_QUERY_PARAMETER.exception(key + " must be true or false");
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "\"" + cut.replaceAll("[^\\p{Alnum}._-]", "?") + "\"";
    }
}
