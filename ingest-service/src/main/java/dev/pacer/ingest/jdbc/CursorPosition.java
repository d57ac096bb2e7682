package dev.pacer.ingest.jdbc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where an incremental source stands: the cursor values of the last row published (and acknowledged by Kafka). Values
 * are kept as text with their kind, so that they bind back with the column's own type. An HTTP source keeps the
 * largest value of its incremental field in {@code id}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SourceCursor", description = "The cursor values of the last row acknowledged by Kafka")
public record CursorPosition(
        @Schema(description = "Value of the timestamp column", example = "2024-05-01T09:30:00") String timestamp,
        @Schema(description = "LOCAL (timestamp without zone), OFFSET (with zone) or DATE", example = "LOCAL")
        String timestampType,
        @Schema(description = "Value of the id column (HTTP sources: the largest value of the incremental "
                + "field)", example = "10248") String id,
        @Schema(description = "NUMBER or TEXT", example = "NUMBER") String idType) {

    /** The position of a row, from the JDBC values of its cursor columns (either may be null when not used). */
    public static CursorPosition of(Object timestamp, Object id) {
        String ts = null;
        String tsType = null;
        if (timestamp != null) {
            ts = timestamp.toString();
            if (timestamp instanceof LocalDateTime) {
                tsType = "LOCAL";
            } else if (timestamp instanceof OffsetDateTime) {
                tsType = "OFFSET";
            } else if (timestamp instanceof LocalDate) {
                tsType = "DATE";
            } else {
                throw new IllegalArgumentException("a timestamp cursor column must be a DATE or TIMESTAMP column, not "
                        + timestamp.getClass().getSimpleName());
            }
        }
        String idText = null;
        String idKind = null;
        if (id != null) {
            if (id instanceof Number n) {
                idText = (n instanceof BigDecimal d ? d : new BigDecimal(n.toString())).toPlainString();
                idKind = "NUMBER";
            } else {
                idText = id.toString();
                idKind = "TEXT";
            }
        }
        return new CursorPosition(ts, tsType, idText, idKind);
    }

    /** The timestamp as the JDBC value it was read as. */
    public Object timestampValue() {
        if (timestamp == null) {
            return null;
        }
        return switch (timestampType) {
            case "LOCAL" -> LocalDateTime.parse(timestamp);
            case "OFFSET" -> OffsetDateTime.parse(timestamp);
            case "DATE" -> LocalDate.parse(timestamp);
            default -> throw new IllegalStateException("Unknown cursor timestamp type " + timestampType);
        };
    }

    /** The id as the JDBC value to bind: a BigDecimal for numbers, else the text. */
    public Object idValue() {
        if (id == null) {
            return null;
        }
        return "NUMBER".equals(idType) ? new BigDecimal(id) : id;
    }
}
