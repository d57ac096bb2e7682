package dev.pacer.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.platform.database.AfterCommit;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Records events in the service's {@code outbox_event} table inside the caller's transaction: the event
 * exists if and only if the state change commits. {@link OutboxRelay} sends committed rows to Kafka.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "insert into outbox_event (topic, event_key, event_id, event_type, payload) "
            + "values (?, ?, ?, ?, ?)";
    private static final Object WAKE_KEY = new Object();

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.dataSource = dataSource;
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds one event to the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, CloudEvent<?> event) {
        publishAll(List.of(new OutboxMessage(topic, key, event)));
    }

    /** Adds events to the current transaction in one batched insert, keeping their order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (OutboxMessage m : messages) {
                ps.setString(1, m.topic());
                ps.setString(2, m.key());
                ps.setString(3, m.event().id());
                ps.setString(4, m.event().type());
                ps.setString(5, json.writeValueAsString(m.event()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write to the outbox: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialised: " + e.getOriginalMessage(), e);
        }
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        AfterCommit.once(transactions, WAKE_KEY, relay::wake);
    }
}
