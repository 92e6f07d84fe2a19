package cn.qianli.centre.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Appends to, reads and verifies the audit trail. */
@Component
public class AuditTrail implements AutoCloseable {

    /** Request attribute a handler may set to say more than the route (e.g. "stored 3, failed 1"). */
    public static final String REQUEST_DETAIL = AuditTrail.class.getName() + ".detail";

    /** pg_advisory_xact_lock key that serialises appends, so the chain stays one line. */
    private static final long APPEND_LOCK = 0x51A17A0D17L;

    private static final String INSERT = """
            INSERT INTO audit_event (at, actor, role, hospital_id, action, study_instance_uid,
                series_instance_uid, sop_instance_uid, outcome, client_address, detail, prev_hash, hash)
            VALUES (:at, :actor, :role, :hospital, :action, :study, :series, :sop, :outcome, :client,
                :detail, :prev, :hash)""";

    /** {@link #INSERT} with positional parameters, for batches (see {@link #set}). */
    private static final String INSERT_POSITIONAL = """
            INSERT INTO audit_event (at, actor, role, hospital_id, action, study_instance_uid,
                series_instance_uid, sop_instance_uid, outcome, client_address, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate joinedTransaction;
    private final SharedCommit shared;

    AuditTrail(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joinedTransaction = new TransactionTemplate(transactions);
        this.joinedTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.shared = new SharedCommit(this::appendAll);
    }

    /**
     * Appends {@code entry} and returns once it is committed, in a transaction apart from the
     * caller's (it stays even when the request fails) that it may share with entries recorded at
     * the same moment by other requests.
     */
    public void record(AuditEntry entry) {
        shared.append(entry);
    }

    @Override
    public void close() {
        shared.close();
    }

    /** Appends {@code entry} in its own transaction (it stays even when the request fails). */
    public AuditEntry append(AuditEntry entry) {
        return ownTransaction.execute(tx -> {
            String prev = lockAndReadLastHash();
            Instant at = now();
            String hash = AuditChain.hash(prev, at, entry);
            Long seq = jdbc.queryForObject(INSERT + " RETURNING seq", params(entry, at, prev, hash), Long.class);
            return new AuditEntry(seq, at, entry.actor(), entry.role(), entry.hospitalId(), entry.action(),
                    entry.studyInstanceUid(), entry.seriesInstanceUid(), entry.sopInstanceUid(), entry.outcome(),
                    entry.clientAddress(), entry.detail(), prev, hash);
        });
    }

    /**
     * Appends {@code entries} in their order under one hold of the append lock: in the caller's
     * transaction when there is one, so they commit (or not) with what they record, else in a
     * transaction of their own. Call it last in a transaction: the lock is held until the commit.
     */
    public void appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        joinedTransaction.executeWithoutResult(tx -> {
            String prev = lockAndReadLastHash();
            List<Object[]> rows = new ArrayList<>(entries.size());
            for (AuditEntry e : entries) {
                Instant at = now();
                String hash = AuditChain.hash(prev, at, e);
                rows.add(new Object[] {OffsetDateTime.ofInstant(at, ZoneOffset.UTC), e.actor(), e.role(),
                        e.hospitalId(), e.action(), e.studyInstanceUid(), e.seriesInstanceUid(), e.sopInstanceUid(),
                        e.outcome(), e.clientAddress(), e.detail(), prev, hash});
                prev = hash;
            }
            // one batch, executed in order: seq follows the chain
            jdbc.getJdbcTemplate().batchUpdate(INSERT_POSITIONAL, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    Object[] row = rows.get(i);
                    ps.setObject(1, row[0]);
                    for (int k = 1; k < row.length; k++) {
                        ps.setString(k + 1, (String) row[k]);
                    }
                }

                @Override
                public int getBatchSize() {
                    return rows.size();
                }
            });
        });
    }

    /** Takes the append lock for the rest of the transaction; the hash the next entry links to. */
    private String lockAndReadLastHash() {
        jdbc.getJdbcTemplate().queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, APPEND_LOCK);
        List<String> last = jdbc.getJdbcTemplate().queryForList(
                "SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1", String.class);
        return last.isEmpty() ? AuditChain.GENESIS : last.get(0);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public List<AuditEntry> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE TRUE");
        MapSqlParameterSource p = new MapSqlParameterSource();
        exact(sql, p, "actor", q.actor());
        exact(sql, p, "hospital_id", q.hospitalId());
        exact(sql, p, "action", q.action());
        exact(sql, p, "study_instance_uid", q.studyInstanceUid());
        exact(sql, p, "outcome", q.outcome());
        if (q.from() != null) {
            sql.append(" AND at >= :from");
            p.addValue("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND at < :to");
            p.addValue("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        sql.append(" ORDER BY seq DESC LIMIT :limit OFFSET :offset");
        p.addValue("limit", q.limit()).addValue("offset", q.offset());
        return jdbc.query(sql.toString(), p, (rs, n) -> entry(rs));
    }

    /** Re-computes every hash and link, oldest first. */
    public ChainVerification verify() {
        class Walk implements RowCallbackHandler {
            String prev = AuditChain.GENESIS;
            long count;
            long broken;
            String reason = "";

            @Override
            public void processRow(ResultSet rs) throws SQLException {
                AuditEntry e = entry(rs);
                count++;
                if (broken != 0) {
                    return;
                }
                if (!e.prevHash().equals(prev)) {
                    broken = e.seq();
                    reason = "does not link to the entry before it (an entry was removed or reordered)";
                } else if (!AuditChain.hash(e.prevHash(), e.at(), e).equals(e.hash())) {
                    broken = e.seq();
                    reason = "its contents do not match its hash (the entry was edited)";
                }
                prev = e.hash();
            }
        }
        Walk walk = new Walk();
        jdbc.getJdbcTemplate().query(con -> {
            var st = con.prepareStatement("SELECT * FROM audit_event ORDER BY seq");
            st.setFetchSize(1000);
            return st;
        }, walk);
        return new ChainVerification(walk.broken == 0, walk.count, walk.broken, walk.reason);
    }

    private static void exact(StringBuilder sql, MapSqlParameterSource p, String column, String value) {
        if (value != null && !value.isEmpty()) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            p.addValue(column, value);
        }
    }

    private static MapSqlParameterSource params(AuditEntry e, Instant at, String prev, String hash) {
        return new MapSqlParameterSource().addValue("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .addValue("prev", prev).addValue("hash", hash).addValue("actor", e.actor()).addValue("role", e.role())
                .addValue("hospital", e.hospitalId()).addValue("action", e.action())
                .addValue("study", e.studyInstanceUid()).addValue("series", e.seriesInstanceUid())
                .addValue("sop", e.sopInstanceUid()).addValue("outcome", e.outcome())
                .addValue("client", e.clientAddress()).addValue("detail", e.detail());
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("role"), rs.getString("hospital_id"), rs.getString("action"),
                rs.getString("study_instance_uid"), rs.getString("series_instance_uid"),
                rs.getString("sop_instance_uid"), rs.getString("outcome"), rs.getString("client_address"),
                rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
