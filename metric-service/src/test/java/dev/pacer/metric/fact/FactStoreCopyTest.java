package dev.pacer.metric.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staging COPY's binary rows (plain unit test; {@code RecordsConsumerTest} stores them in PostgreSQL). */
class FactStoreCopyTest {
    @Test
    void rowsAreInPostgresqlsBinaryCopyFormatWithTheFieldsAsSent() throws IOException {
        byte[] fields = "{\"note\":\"say \\\"hi\\\" 中文\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = FactStore.binary(List.of(
                new FactChange("orders", "10248|11", 3, LocalDate.of(1996, 7, 4), false, ByteBuffer.wrap(fields)),
                new FactChange("orders", "é", 4, null, true, null)));
        byte[] copy = Arrays.copyOf(data.array(), data.position());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(0); // flags
        out.writeInt(0); // header extension
        out.writeShort(6);
        text(out, "orders");
        text(out, "10248|11");
        out.writeInt(8);
        out.writeLong(3);
        out.writeInt(4);
        out.writeInt(-1276); // 1996-07-04 is 1,276 days before 2000-01-01
        out.writeInt(1);
        out.writeByte(0);
        out.writeInt(1 + fields.length);
        out.writeByte(1); // jsonb's binary version
        out.write(fields);
        out.writeShort(6);
        text(out, "orders");
        text(out, "é");
        out.writeInt(8);
        out.writeLong(4);
        out.writeInt(-1); // no date
        out.writeInt(1);
        out.writeByte(1);
        out.writeInt(-1); // no fields
        out.writeShort(-1);
        assertThat(copy).isEqualTo(expected.toByteArray());
    }

    @Test
    void withinABatchOnlyTheNewestVersionOfARecordIsStored() {
        ByteBuffer none = ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8));
        FactChange v2 = new FactChange("orders", "1", 2, LocalDate.of(2024, 1, 2), false, none);
        FactChange v1 = new FactChange("orders", "1", 1, LocalDate.of(2024, 1, 1), false, none);
        FactChange other = new FactChange("returns", "1", 1, LocalDate.of(2024, 1, 1), false, none);

        assertThat(FactStore.latestPerRecord(List.of(v2, other, v1))).containsExactly(v2, other);
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
