package dev.pacer.ingest.upload;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The per-row outcomes of uploads ({@code upload_row}). */
@ApplicationScoped
public class UploadRows {
    private final AgroalDataSource dataSource;

    public UploadRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the outcomes of a chunk of rows, in the caller's transaction, in one batched insert. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(UUID uploadId, List<UploadRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into upload_row (upload_id, row_number, line, succeeded, primary_key, reason) "
                        + "values (?, ?, ?, ?, ?, ?)")) {
            for (UploadRow r : rows) {
                ps.setObject(1, uploadId);
                ps.setInt(2, r.row());
                ps.setLong(3, r.line());
                ps.setBoolean(4, "SUCCEEDED".equals(r.status()));
                setText(ps, 5, r.primaryKey());
                setText(ps, 6, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the rows of upload " + uploadId + ": " + e.getMessage(), e);
        }
    }

    private static void setText(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    /**
     * Rows after {@code afterRow}, in row order, at most {@code limit}.
     *
     * @param succeeded only rows with this outcome; null: all
     */
    @Transactional
    public List<UploadRow> page(UUID uploadId, Boolean succeeded, int afterRow, int limit) {
        String sql = "select row_number, line, succeeded, primary_key, reason from upload_row where upload_id = ? "
                + "and row_number > ?" + (succeeded == null ? "" : " and succeeded = ?") + " order by row_number limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, uploadId);
            ps.setInt(i++, afterRow);
            if (succeeded != null) {
                ps.setBoolean(i++, succeeded);
            }
            ps.setInt(i, limit);
            List<UploadRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new UploadRow(rs.getInt(1), rs.getLong(2), rs.getBoolean(3) ? "SUCCEEDED" : "FAILED",
                            rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rows of upload " + uploadId + ": " + e.getMessage(), e);
        }
    }
}
