package dev.pacer.ingest.push;

import dev.pacer.events.RecordChanged;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.RecordCheck;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Turns the records of a batch into {@link RecordChanged} events and rejections, by the dataset's schema. */
public final class BatchValidator {

    /** A refused record: its position, key (when known), reason, and the record as it arrived. */
    public record Rejected(int index, String primaryKey, String reason, Object payload) {
        public PushRejection toApi() {
            return new PushRejection(index, primaryKey, reason);
        }
    }

    /** The accepted records as events, in batch order, and the rejected ones. */
    public record Outcome(List<RecordChanged> accepted, List<Rejected> rejected) {
        public Outcome {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }

        public PushResult result(String dataset, String sourceSystem, long sourceVersion) {
            return new PushResult(dataset, sourceSystem, sourceVersion, accepted.size(), rejected.size(),
                    rejected.stream().map(Rejected::toApi).toList());
        }
    }

    private BatchValidator() {
    }

    /**
     * @param sourceSystem  the source system every event carries
     * @param sourceVersion the source version every event carries
     * @param ingestedAt    when the batch arrived
     * @param zone          the zone of timestamps without an offset and of DATE event times
     */
    public static Outcome validate(DatasetSchema schema, List<?> records, String sourceSystem, long sourceVersion,
            OffsetDateTime ingestedAt, ZoneId zone) {
        List<RecordChanged> accepted = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Object record = records.get(i);
            RecordCheck check = schema.check(record, zone);
            if (check instanceof RecordCheck.Accepted a) {
                accepted.add(new RecordChanged(schema.key(), a.primaryKey(), a.operation(), sourceSystem, sourceVersion,
                        a.eventTime(), a.fields(), ingestedAt));
            } else {
                RecordCheck.Rejected r = (RecordCheck.Rejected) check;
                rejected.add(new Rejected(i, r.primaryKey(), r.reason(), record));
            }
        }
        return new Outcome(accepted, rejected);
    }
}
