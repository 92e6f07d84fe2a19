package cn.qianli.centre.dicomweb;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A township hospital of another district than the demo hospitals', for tenancy tests. */
public final class OtherDistrict {

    public static final String HOSPITAL = "H009";
    public static final String DISTRICT = "Pengshui County";

    private OtherDistrict() {
    }

    /** Adds the hospital to the registry unless it is there; needs the owner's data source. */
    public static void register(DataSource owner) {
        new JdbcTemplate(owner).update("""
                INSERT INTO hospital (id, name, district, township, population_served)
                VALUES (?, 'Test Township Hospital', ?, 'Test', 1000) ON CONFLICT DO NOTHING""", HOSPITAL, DISTRICT);
    }
}
