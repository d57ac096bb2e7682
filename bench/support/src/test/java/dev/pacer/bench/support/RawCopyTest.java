package dev.pacer.bench.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw COPY's rows have the layout of metric-service's FactStore rows (its {@code FactStoreCopyTest}). */
class RawCopyTest {
    @Test
    void rowsAreInPostgresqlsBinaryCopyFormat() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("note", "中文");
        byte[] copy = RawCopy.binary("orders", List.of(new RawCopy.Row("10248|11", LocalDate.of(1996, 7, 4), fields)));

        byte[] json = "{\"note\":\"中文\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(6);
        out.writeInt(6);
        out.write("orders".getBytes(StandardCharsets.UTF_8));
        out.writeInt(8);
        out.write("10248|11".getBytes(StandardCharsets.UTF_8));
        out.writeInt(8);
        out.writeLong(1);
        out.writeInt(4);
        out.writeInt(-1276); // 1996-07-04 is 1,276 days before 2000-01-01
        out.writeInt(1);
        out.writeByte(0);
        out.writeInt(1 + json.length);
        out.writeByte(1);
        out.write(json);
        out.writeShort(-1);
        assertArrayEquals(expected.toByteArray(), copy);
    }
}
