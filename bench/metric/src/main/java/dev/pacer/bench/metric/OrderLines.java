package dev.pacer.bench.metric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Synthetic ERP order lines, deterministic for a seed: 100 customers in 20 countries, 77 products with fixed prices,
 * orders of 1–5 lines (distinct products, so {@code order_id|product_id} is unique), dates spread evenly over a date
 * range in chronological order (as an ERP backfill sends them). While generating, the exact expected revenue and order
 * count per year are accumulated, so the benchmark can tell when the service's values are complete.
 */
final class OrderLines {
    static final String DATASET_SOURCE = "bench-erp";
    static final String[] COUNTRIES = {"Argentina", "Austria", "Belgium", "Brazil", "Canada", "Denmark", "Finland",
        "France", "Germany", "Ireland", "Italy", "Mexico", "Norway", "Poland", "Portugal", "Spain", "Sweden",
        "Switzerland", "UK", "USA"};
    static final int CUSTOMERS = 100;
    static final int PRODUCTS = 77;
    private static final BigDecimal[] DISCOUNTS = {new BigDecimal("0"), new BigDecimal("0"), new BigDecimal("0.05"),
        new BigDecimal("0.1"), new BigDecimal("0.15"), new BigDecimal("0.2"), new BigDecimal("0.25")};

    record Line(long orderId, String customerId, LocalDate date, String country, long productId, BigDecimal unitPrice,
            long quantity, BigDecimal discount) {
        String pk() {
            return orderId + "|" + productId;
        }

        Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("order_id", orderId);
            f.put("customer_id", customerId);
            f.put("order_date", date.toString());
            f.put("ship_country", country);
            f.put("product_id", productId);
            f.put("unit_price", unitPrice);
            f.put("quantity", quantity);
            f.put("discount", discount);
            return f;
        }

        BigDecimal revenue() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity)).multiply(BigDecimal.ONE.subtract(discount));
        }
    }

    /** Exact expected values per year (calendar = fiscal year, UTC). */
    static final class Expected {
        final Map<Integer, BigDecimal> revenue = new TreeMap<>();
        final Map<Integer, Long> orders = new TreeMap<>();

        void add(Line l, boolean newOrder) {
            revenue.merge(l.date().getYear(), l.revenue(), BigDecimal::add);
            if (newOrder) {
                orders.merge(l.date().getYear(), 1L, Long::sum);
            }
        }

        /** Adds another set of lines (of other orders) to this one. */
        void addAll(Expected other) {
            other.revenue.forEach((y, v) -> revenue.merge(y, v, BigDecimal::add));
            other.orders.forEach((y, n) -> orders.merge(y, n, Long::sum));
        }

        /** Revenue per year as the metric stores it: rounded to cents, half up. */
        Map<Integer, BigDecimal> revenueRounded() {
            Map<Integer, BigDecimal> out = new TreeMap<>();
            revenue.forEach((y, v) -> out.put(y, v.setScale(2, RoundingMode.HALF_UP)));
            return out;
        }

        /** Average order value per year: raw revenue / orders, rounded to cents. */
        Map<Integer, BigDecimal> averageOrderValue() {
            Map<Integer, BigDecimal> out = new TreeMap<>();
            revenue.forEach((y, v) -> out.put(y, v.divide(BigDecimal.valueOf(orders.get(y)), MathContext.DECIMAL128)
                    .setScale(2, RoundingMode.HALF_UP)));
            return out;
        }

        BigDecimal totalRevenue() {
            return revenue.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private OrderLines() {
    }

    static String customer(int i) {
        return String.format("C%03d", i);
    }

    static String countryOf(int customer) {
        return COUNTRIES[(customer * 7) % COUNTRIES.length];
    }

    static BigDecimal priceOf(int product) {
        return BigDecimal.valueOf(200 + (product * 7919L) % 26000, 2);
    }

    /**
     * {@code count} lines dated evenly over {@code days} days from {@code first}, in date order, order ids from
     * {@code firstOrderId} upward; adds them to {@code expected}.
     */
    static List<Line> generate(int count, long seed, long firstOrderId, LocalDate first, int days, Expected expected) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Line> lines = new ArrayList<>(count);
        long orderId = firstOrderId - 1;
        int left = 0;
        int customer = 0;
        LocalDate date = first;
        List<Integer> products = new ArrayList<>();
        for (int p = 1; p <= PRODUCTS; p++) {
            products.add(p);
        }
        int productCursor = 0;
        for (int j = 0; j < count; j++) {
            boolean newOrder = left == 0;
            if (newOrder) {
                orderId++;
                left = 1 + random.nextInt(5);
                customer = 1 + random.nextInt(CUSTOMERS);
                date = first.plusDays((long) j * days / count);
                Collections.shuffle(products, new java.util.Random(random.nextLong()));
                productCursor = 0;
            }
            int product = products.get(productCursor++);
            left--;
            Line l = new Line(orderId, customer(customer), date, countryOf(customer), product, priceOf(product),
                    1 + random.nextInt(60), DISCOUNTS[random.nextInt(DISCOUNTS.length)]);
            lines.add(l);
            expected.add(l, newOrder);
        }
        return lines;
    }
}
