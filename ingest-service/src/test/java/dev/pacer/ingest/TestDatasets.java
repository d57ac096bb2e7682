package dev.pacer.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dataset definitions for tests, shaped as metric-service publishes them on pacer.catalog. */
public final class TestDatasets {
    private TestDatasets() {
    }

    /** Order lines: key (order_id, product_id), event time order_date, and one field of every type. */
    public static Map<String, Object> orderLines(String key, int version) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "Order lines");
        d.put("description", "One line of a sales order");
        d.put("fields", new ArrayList<>(List.of(
                field("order_id", "INTEGER", true),
                field("product_id", "INTEGER", true),
                field("customer_id", "STRING", true),
                field("order_date", "DATE", true),
                field("unit_price", "DECIMAL", true),
                field("quantity", "INTEGER", true),
                field("discount", "DECIMAL", false),
                field("gift", "BOOLEAN", false),
                field("shipped_at", "TIMESTAMP", false))));
        d.put("primaryKey", List.of("order_id", "product_id"));
        d.put("eventTimeField", "order_date");
        d.put("ownerDepartment", "sales");
        d.put("sourceSystem", "northwind-erp");
        d.put("key", key);
        d.put("version", version);
        return d;
    }

    public static Map<String, Object> field(String name, String type, boolean required) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        f.put("required", required);
        f.put("description", null);
        return f;
    }
}
