package dev.pacer.metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Northwind order lines of {@code shared/datasets/northwind/orders_flat.csv}, as dataset fields. */
public final class Northwind {
    private Northwind() {
    }

    /** The CSV file, found by walking up from the working directory to the folder beside the repository. */
    public static Path ordersFlatCsv() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/datasets/northwind/orders_flat.csv");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/datasets/northwind/orders_flat.csv not found above "
                + Path.of("").toAbsolutePath());
    }

    /** Each line as field name → value: decimals as BigDecimal, integers as Long, dates as ISO text, empty as null. */
    public static List<Map<String, Object>> lines() {
        try {
            List<String> rows = Files.readAllLines(ordersFlatCsv(), StandardCharsets.UTF_8);
            String[] header = rows.get(0).split(",");
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String row : rows.subList(1, rows.size())) {
                if (row.isBlank()) {
                    continue;
                }
                String[] cells = row.split(",", -1);
                Map<String, Object> line = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    line.put(header[i], convert(header[i], cells[i]));
                }
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object convert(String field, String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        return switch (field) {
            case "order_id", "employee_id", "product_id", "quantity" -> Long.parseLong(cell);
            case "unit_price", "discount" -> new BigDecimal(cell);
            default -> cell;
        };
    }

    /** The dataset definition of the order lines under {@code key}. */
    public static Map<String, Object> dataset(String key) {
        return Map.of("key", key, "definition", Map.of(
                "name", "Northwind order lines",
                "description", "One line of a Northwind sales order",
                "fields", List.of(
                        Map.of("name", "order_id", "type", "INTEGER", "required", true),
                        Map.of("name", "customer_id", "type", "STRING", "required", true),
                        Map.of("name", "employee_id", "type", "INTEGER", "required", true),
                        Map.of("name", "order_date", "type", "DATE", "required", true),
                        Map.of("name", "required_date", "type", "DATE", "required", true),
                        Map.of("name", "shipped_date", "type", "DATE", "required", false),
                        Map.of("name", "ship_country", "type", "STRING", "required", true),
                        Map.of("name", "product_id", "type", "INTEGER", "required", true),
                        Map.of("name", "unit_price", "type", "DECIMAL", "required", true),
                        Map.of("name", "quantity", "type", "INTEGER", "required", true),
                        Map.of("name", "discount", "type", "DECIMAL", "required", true)),
                "primaryKey", List.of("order_id", "product_id"),
                "eventTimeField", "order_date",
                "ownerDepartment", "sales",
                "sourceSystem", "northwind-erp"));
    }
}
