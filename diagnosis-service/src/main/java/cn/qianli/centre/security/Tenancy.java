package cn.qianli.centre.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL predicate that limits a query over patient data to what the caller may see; every
 * query over studies, series and instances includes it, so tenancy holds in the database query
 * itself and not only in the browser.
 *
 * @param predicate SQL over the study table's alias, using only named parameters
 * @param params    the values of those parameters
 */
public record Tenancy(String predicate, Map<String, Object> params) {

    /**
     * What {@code caller} may read, over the study table aliased {@code study}: a clinic its
     * hospital; a radiologist the hospitals of its districts (table {@code reader_district}, the
     * {@code district} claim, its own hospital's district); the pre-screen service everything; auditors and gateways no images.
     */
    public static Tenancy readable(Caller caller, String study) {
        List<String> any = new ArrayList<>();
        if (caller.has(Role.AI)) {
            return new Tenancy("TRUE", Map.of());
        }
        if (caller.has(Role.CLINIC) && !caller.hospitalId().isEmpty()) {
            any.add(study + ".hospital_id = :tenant_hospital");
        }
        if (caller.has(Role.RADIOLOGIST)) {
            any.add(study + ".hospital_id IN (SELECT h.id FROM hospital h WHERE h.district = ANY(:tenant_districts)"
                    + " OR h.district IN (SELECT r.district FROM reader_district r WHERE r.username = :tenant_actor)"
                    + " OR h.district = (SELECT own.district FROM hospital own WHERE own.id = :tenant_hospital))");
        }
        if (any.isEmpty()) {
            return new Tenancy("FALSE", Map.of());
        }
        return new Tenancy("(" + String.join(" OR ", any) + ")", Map.of(
                "tenant_hospital", caller.hospitalId(),
                "tenant_actor", caller.actor(),
                "tenant_districts", caller.districts().toArray(String[]::new)));
    }

    /** Whether the caller may read anything at all (auditors and gateways may not). */
    public boolean readsNothing() {
        return predicate.equals("FALSE");
    }
}
