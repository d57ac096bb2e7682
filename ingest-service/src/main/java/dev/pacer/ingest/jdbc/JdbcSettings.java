package dev.pacer.ingest.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pacer.platform.problem.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a JDBC source connects and what it reads. The password is write-only: it is stored encrypted, never returned. */
@Schema(name = "JdbcSettings", description = "A JDBC source: connection, table or query, and how it is synchronised")
public record JdbcSettings(
        @NotBlank @Size(max = 2000)
        @Schema(description = "JDBC URL (the PostgreSQL driver is included); its hosts must be among those "
                + "PACER_INGEST_SOURCE_HOSTS allows, when set",
                example = "jdbc:postgresql://erp.example.com:5432/northwind")
        String url,
        @Size(max = 200) @Schema(description = "Database user", example = "pacer_reader", nullable = true)
        String user,
        @Size(max = 1000)
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Schema(description = "Database password; write-only (stored encrypted, never returned). On update, leave it "
                + "out to keep the stored one, send \"\" to remove it", writeOnly = true, example = "s3cret",
                nullable = true)
        String password,
        @Size(max = 130) @Schema(description = "A table to read (or give a query)", example = "order_details",
                nullable = true)
        String table,
        @Size(max = SourceSql.MAX_QUERY_LENGTH)
        @Schema(description = "A SELECT to read (or give a table); its column labels are matched to dataset fields",
                example = "select o.order_id, d.product_id, o.customer_id, o.order_date, "
                        + "cast(d.unit_price as numeric) as unit_price, d.quantity, cast(d.discount as numeric) as "
                        + "discount, d.modified_at from orders o join order_details d on d.order_id = o.order_id",
                nullable = true)
        String query,
        @NotNull @Schema(description = "INCREMENTAL reads rows past the cursor; FULL_REFRESH reads all rows and "
                + "deletes downstream the keys that vanished", example = "INCREMENTAL")
        SyncMode mode,
        @Size(max = 128) @Schema(description = "Cursor: a DATE/TIMESTAMP column that grows when a row changes",
                example = "modified_at", nullable = true)
        String timestampColumn,
        @Size(max = 128) @Schema(description = "Cursor: an increasing id column (alone, or to order rows of equal "
                + "timestamp)", example = "line_id", nullable = true)
        String idColumn,
        @Schema(description = "ISO-8601 duration: rows whose timestamp is newer than now minus this are left for the "
                + "next run, so that transactions committing late are not skipped", example = "PT5M", nullable = true)
        String lateCommitDelay) {

    private static final Duration MAX_DELAY = Duration.ofDays(7);

    /** Everything wrong with the settings beyond Bean Validation, each naming its field under {@code prefix}. */
    public List<Problem.FieldError> problems(String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String urlProblem = url == null ? null : JdbcUrls.problem(url);
        if (urlProblem != null) {
            errors.add(new Problem.FieldError(prefix + "url", urlProblem));
        }
        boolean hasTable = table != null && !table.isBlank();
        boolean hasQuery = query != null && !query.isBlank();
        if (hasTable == hasQuery) {
            errors.add(new Problem.FieldError(prefix + (hasTable ? "query" : "table"),
                    "give either a table or a query, not " + (hasTable ? "both" : "neither")));
        } else if (hasTable && SourceSql.tableProblem(table) != null) {
            errors.add(new Problem.FieldError(prefix + "table", SourceSql.tableProblem(table)));
        } else if (hasQuery && SourceSql.queryProblem(query) != null) {
            errors.add(new Problem.FieldError(prefix + "query", SourceSql.queryProblem(query)));
        }
        for (String[] column : new String[][] {{"timestampColumn", timestampColumn}, {"idColumn", idColumn}}) {
            if (column[1] != null && (column[1].isBlank() || column[1].chars().anyMatch(c -> c < 0x20))) {
                errors.add(new Problem.FieldError(prefix + column[0], "must be a column name"));
            }
        }
        if (mode == SyncMode.INCREMENTAL && timestampColumn == null && idColumn == null) {
            errors.add(new Problem.FieldError(prefix + "timestampColumn",
                    "an INCREMENTAL source needs a cursor: a timestampColumn, an idColumn, or both"));
        }
        if (lateCommitDelay != null) {
            try {
                Duration d = Duration.parse(lateCommitDelay);
                if (d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
                    errors.add(new Problem.FieldError(prefix + "lateCommitDelay", "must be between PT0S and P7D"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError(prefix + "lateCommitDelay",
                        "must be an ISO-8601 duration such as PT5M, not '" + lateCommitDelay + "'"));
            }
        }
        return errors;
    }

    /** The late-commit delay (zero when not set). */
    public Duration delay() {
        return lateCommitDelay == null ? Duration.ZERO : Duration.parse(lateCommitDelay);
    }

    /** The base SQL: the table or the query. */
    public String baseSql() {
        return PullQuery.base(table != null && !table.isBlank() ? table : null, query);
    }

    public JdbcSettings withoutPassword() {
        return new JdbcSettings(url, user, null, table, query, mode, timestampColumn, idColumn, lateCommitDelay);
    }
}
