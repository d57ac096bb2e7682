package dev.pacer.ingest.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;

/** Keeps refused records in the {@code rejection} table, the quarantine they can later be fixed and replayed from. */
@ApplicationScoped
public class RejectionStore {
    private static final String INSERT = "insert into rejection (dataset, source, record_index, primary_key, payload, "
            + "reason, received_at) values (?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;

    public RejectionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the rejections of one batch in the caller's transaction, in one batched insert.
     *
     * @param source  how the records arrived, e.g. {@code push}
     * @param payload writes each record back as the JSON it arrived as (exact decimals)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(String dataset, String source, List<BatchValidator.Rejected> rejected, OffsetDateTime receivedAt,
            ObjectMapper payload) {
        if (rejected.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            Timestamp at = Timestamp.from(receivedAt.toInstant());
            for (BatchValidator.Rejected r : rejected) {
                ps.setString(1, dataset);
                ps.setString(2, source);
                ps.setInt(3, r.index());
                if (r.primaryKey() == null) {
                    ps.setNull(4, Types.VARCHAR);
                } else {
                    ps.setString(4, r.primaryKey());
                }
                ps.setString(5, payload.writeValueAsString(r.payload()));
                ps.setString(6, r.reason());
                ps.setTimestamp(7, at);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store rejected records: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A rejected record cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
