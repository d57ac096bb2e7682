package dev.pacer.metric.value;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until the value refresh has recomputed every marked event date: the records consumer having committed its
 * offsets means the facts are stored and marked, not yet that the values are recomputed ({@link ValueRefresh} runs
 * behind it). A round's marks stay visible to others until the round commits, so no marks left means no round pending.
 */
public final class ValuesRefreshed {
    private ValuesRefreshed() {
    }

    public static void await(AgroalDataSource dataSource, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from pending_value_refresh")) {
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Metric values not refreshed within " + timeout);
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
