package cn.qianli.centre.dicomweb;

import cn.qianli.centre.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the archive holds: each indexed instance with its object key and the SHA-256 of
 * the bytes the store gives back. Two equal snapshots mean nothing stored was lost or changed.
 */
public record ArchiveSnapshot(Map<String, String> instances, List<String> studies) {

    public static ArchiveSnapshot take(DataSource db, ObjectStore store) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        Map<String, String> instances = new LinkedHashMap<>();
        jdbc.query("SELECT sop_instance_uid, object_key, sha256 FROM instance ORDER BY sop_instance_uid", rs -> {
            String key = rs.getString(2);
            String stored = sha256(store, key);
            instances.put(rs.getString(1), key + " " + rs.getString(3) + " " + stored);
        });
        List<String> studies = jdbc.queryForList("""
                SELECT study_instance_uid || ' ' || hospital_id || ' ' || number_of_series || ' ' || number_of_instances
                FROM study ORDER BY study_instance_uid""", String.class);
        return new ArchiveSnapshot(instances, studies);
    }

    private static String sha256(ObjectStore store, String key) {
        try (InputStream in = store.read(key)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
