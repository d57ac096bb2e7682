package dev.pacer.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BatchReaderTest {
    private final BatchReader reader = new BatchReader(new ObjectMapper(), 3);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertProblem(ThrowingCallable call, int status, String detailPart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(status);
            assertThat(e.problem().detail()).contains(detailPart);
        });
    }

    @Test
    void readsAJsonArrayWithExactDecimals() {
        List<Object> records = reader.read(BatchFormat.JSON_ARRAY,
                utf8("[{\"id\": 1, \"price\": 14.00, \"rate\": 0.15, \"big\": 12345678901234567890}, 7]"));

        assertThat(records).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) records.get(0);
        assertThat(first.get("price")).isEqualTo(new BigDecimal("14.00"));
        assertThat(first.get("rate")).isEqualTo(new BigDecimal("0.15"));
        assertThat(first.get("id")).isEqualTo(1);
        assertThat(first.get("big")).isEqualTo(new java.math.BigInteger("12345678901234567890"));
        assertThat(records.get(1)).isEqualTo(7); // not a record, but well-formed: the schema refuses it
    }

    @Test
    void readsNdjsonSkippingBlankLinesAndCarriageReturns() {
        List<Object> records = reader.read(BatchFormat.NDJSON,
                utf8("{\"id\": 1, \"price\": 14.00}\r\n\n  \n{\"id\": 2}\n"));

        assertThat(records).containsExactly(Map.of("id", 1, "price", new BigDecimal("14.00")), Map.of("id", 2));
        assertThat(reader.read(BatchFormat.NDJSON, new byte[0])).isEmpty();
        assertThat(reader.read(BatchFormat.JSON_ARRAY, utf8(" [ ] "))).isEmpty();
    }

    @Test
    void malformedNdjsonNamesTheLine() {
        assertProblem(() -> reader.read(BatchFormat.NDJSON, utf8("{\"id\": 1}\n\n{\"id\": 2,}\n{\"id\": 3}")),
                400, "Line 3");
        assertProblem(() -> reader.read(BatchFormat.NDJSON, utf8("{\"id\": 1} {\"id\": 2}")),
                400, "Line 1, column 11 has content after its record");
    }

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, utf8("[\n{\"id\": 1},\n{\"id\": oops}\n]")),
                400, "Line 3, column");
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, utf8("[{\"id\": 1}")), 400,
                "Line 1, column 11: Unexpected end-of-input: expected close marker for Array "
                        + "(start marker at line 1, column 1)");
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, utf8("{\"id\": 1}")), 400,
                "expected a JSON array of records, found an object");
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, utf8("[] []")), 400, "after the array");
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, new byte[0]), 400, "empty");
    }

    @Test
    void aDuplicateMemberIsMalformed() {
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, utf8("[{\"id\": 1, \"id\": 2}]")), 400, "id");
    }

    @Test
    void moreRecordsThanTheLimitIs413() {
        assertThat(reader.read(BatchFormat.JSON_ARRAY, utf8("[{}, {}, {}]"))).hasSize(3);
        assertProblem(() -> reader.read(BatchFormat.JSON_ARRAY, utf8("[{}, {}, {}, {}]")), 413, "more than 3 records");
        assertProblem(() -> reader.read(BatchFormat.NDJSON, utf8("{}\n{}\n{}\n{}\n")), 413, "more than 3 records");
    }
}
