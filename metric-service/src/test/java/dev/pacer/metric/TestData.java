package dev.pacer.metric;

import java.util.List;
import java.util.Map;

/** Request bodies shared by the metric-service tests. */
public final class TestData {
    private TestData() {
    }

    /** A dataset of Northwind-style order lines under {@code key}. */
    public static Map<String, Object> orderLines(String key) {
        return Map.of("key", key, "definition", Map.of(
                "name", "Order lines",
                "description", "One line of a sales order",
                "fields", List.of(
                        Map.of("name", "order_id", "type", "INTEGER", "required", true),
                        Map.of("name", "product_id", "type", "INTEGER", "required", true),
                        Map.of("name", "customer_id", "type", "STRING", "required", true),
                        Map.of("name", "employee_id", "type", "INTEGER", "required", false),
                        Map.of("name", "order_date", "type", "DATE", "required", true),
                        Map.of("name", "required_date", "type", "DATE", "required", false),
                        Map.of("name", "shipped_date", "type", "DATE", "required", false),
                        Map.of("name", "ship_country", "type", "STRING", "required", false),
                        Map.of("name", "unit_price", "type", "DECIMAL", "required", true),
                        Map.of("name", "quantity", "type", "INTEGER", "required", true),
                        Map.of("name", "discount", "type", "DECIMAL", "required", true)),
                "primaryKey", List.of("order_id", "product_id"),
                "eventTimeField", "order_date",
                "ownerDepartment", "sales",
                "sourceSystem", "northwind-erp"));
    }
}
