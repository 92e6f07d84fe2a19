package cn.qianli.centre.dicomweb.wado;

import cn.qianli.centre.archive.UidSyntax;
import cn.qianli.centre.problem.Problem;
import cn.qianli.centre.security.Caller;
import cn.qianli.centre.security.Tenancy;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds the instances of a WADO-RS target within the caller's tenancy. */
@Component
class WadoInstances {

    private final NamedParameterJdbcTemplate jdbc;

    WadoInstances(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The instances of the study (and series, and instance when given); 404 when there are none to see. */
    List<RetrievableInstance> find(Caller caller, String study, String series, String sop) {
        return find(caller, study, series, sop, false);
    }

    /** As {@link #find(Caller, String, String, String)}, with each instance's indexed DICOM JSON. */
    List<RetrievableInstance> findWithMetadata(Caller caller, String study, String series, String sop) {
        return find(caller, study, series, sop, true);
    }

    private List<RetrievableInstance> find(Caller caller, String study, String series, String sop,
            boolean withMetadata) {
        Tenancy tenancy = Tenancy.readable(caller, "st");
        if (tenancy.readsNothing()) {
            throw Problem.FORBIDDEN.exception("this role does not retrieve images");
        }
        for (String uid : new String[] {study, series, sop}) {
            if (uid != null && !UidSyntax.isValid(uid)) {
                throw Problem.INVALID_UID.exception("a UID in the path is not a valid DICOM UID");
            }
        }
        MapSqlParameterSource p = new MapSqlParameterSource(tenancy.params()).addValue("study", study)
                .addValue("withMetadata", withMetadata);
        StringBuilder sql = new StringBuilder("""
                SELECT st.study_instance_uid, se.series_instance_uid, i.sop_instance_uid, i.transfer_syntax_uid,
                       i.object_key, coalesce(i.number_of_frames, 0), i.frame_ranges::text,
                       CASE WHEN :withMetadata THEN i.metadata END
                FROM instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk
                WHERE st.study_instance_uid = :study""");
        if (series != null) {
            sql.append(" AND se.series_instance_uid = :series");
            p.addValue("series", series);
        }
        if (sop != null) {
            sql.append(" AND i.sop_instance_uid = :sop");
            p.addValue("sop", sop);
        }
        sql.append(" AND ").append(tenancy.predicate()).append(" ORDER BY se.pk, i.pk");
        List<RetrievableInstance> found = jdbc.query(sql.toString(), p, (rs, n) -> new RetrievableInstance(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                rs.getString(7), rs.getString(8)));
        if (found.isEmpty()) {
            throw Problem.NOT_FOUND.exception("no such " + (sop != null ? "instance" : series != null ? "series" : "study"));
        }
        return found;
    }
}
