package dev.pacer.ingest.source;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The ledger of a full-refresh source ({@code source_key}): every key it published last, with a hash of its row. */
@ApplicationScoped
public class SourceKeys {
    private static final int BATCH = 1000;
    private final AgroalDataSource dataSource;

    public SourceKeys(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public Map<String, String> load(UUID sourceId) {
        Map<String, String> keys = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select primary_key, row_hash from source_key where source_id = ?")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the keys of source " + sourceId + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Replaces the ledger, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(UUID sourceId, Map<String, String> ledger) {
        forget(sourceId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into source_key (source_id, primary_key, row_hash) values (?, ?, ?)")) {
            int n = 0;
            for (Map.Entry<String, String> e : ledger.entrySet()) {
                ps.setObject(1, sourceId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the keys of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the ledger's keys but not what their rows were, in the caller's transaction: the next full refresh
     * publishes every row again and still deletes the keys it no longer finds ({@link dev.pacer.ingest.jdbc.RefreshDiff}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetRows(UUID sourceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update source_key set row_hash = '' where source_id = ?")) {
            ps.setObject(1, sourceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the keys of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /** Drops the ledger (the next full refresh publishes every row again), in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID sourceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from source_key where source_id = ?")) {
            ps.setObject(1, sourceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the keys of source " + sourceId + ": " + e.getMessage(), e);
        }
    }
}
