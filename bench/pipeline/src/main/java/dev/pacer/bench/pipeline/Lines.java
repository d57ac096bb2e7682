package dev.pacer.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.bench.support.RawCopy;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic order lines of the current fiscal year, line {@code n} fully determined by {@code n}: order
 * {@code n / 4} (four lines, products 1–4, one date), dated over the last {@code days} days up to today (never before
 * 1 January), as a live feed with some late arrivals sends them, so every line counts towards this year's goals. Prices are multiples of 0.20 and discounts multiples of 0.05, so each line's revenue
 * {@code unit_price * quantity * (1 - discount)} is a whole number of cents and sums stay exact whatever the grain
 * the services add them up by.
 */
final class Lines {
    static final int LINES_PER_ORDER = 4;
    private static final String[] COUNTRIES = {"Argentina", "Austria", "Belgium", "Brazil", "Canada", "Denmark",
        "Finland", "France", "Germany", "Ireland", "Italy", "Mexico", "Norway", "Poland", "Portugal", "Spain", "Sweden",
        "Switzerland", "UK", "USA"};
    private static final BigDecimal[] DISCOUNTS = {new BigDecimal("0.00"), new BigDecimal("0.05"),
        new BigDecimal("0.10"), new BigDecimal("0.15"), new BigDecimal("0.20")};
    private static final BigDecimal STEP = new BigDecimal("0.20");

    private final ObjectMapper json = new ObjectMapper();
    private final LocalDate first;
    private final int days;

    Lines(LocalDate today, int days) {
        this.days = Math.max(1, Math.min(days, today.getDayOfYear()));
        this.first = today.minusDays(this.days - 1L);
    }

    /** How many days the lines are spread over (today and the days before it). */
    int days() {
        return days;
    }

    /** A batch of lines {@code from … from+count-1} as pushed, with the revenue and orders it adds. */
    record Batch(byte[] json, int lines, BigDecimal revenue, long orders) {
    }

    long orderId(long n) {
        return 1_000_000 + n / LINES_PER_ORDER;
    }

    LocalDate date(long n) {
        long order = n / LINES_PER_ORDER;
        return first.plusDays((order * 7919) % days);
    }

    BigDecimal unitPrice(long n) {
        return STEP.multiply(BigDecimal.valueOf(10 + n % 500));
    }

    long quantity(long n) {
        return 1 + n % 20;
    }

    BigDecimal discount(long n) {
        return DISCOUNTS[(int) ((n / LINES_PER_ORDER) % DISCOUNTS.length)];
    }

    BigDecimal revenue(long n) {
        return unitPrice(n).multiply(BigDecimal.valueOf(quantity(n))).multiply(BigDecimal.ONE.subtract(discount(n)));
    }

    Map<String, Object> fields(long n) {
        long order = n / LINES_PER_ORDER;
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("order_id", orderId(n));
        l.put("product_id", 1 + n % LINES_PER_ORDER);
        l.put("customer_id", "C" + (order % 997));
        l.put("order_date", date(n).toString());
        l.put("ship_country", COUNTRIES[(int) (order % COUNTRIES.length)]);
        l.put("unit_price", unitPrice(n));
        l.put("quantity", quantity(n));
        l.put("discount", discount(n));
        return l;
    }

    /** Lines {@code from … from+count-1}; {@code from} and {@code count} are whole orders (multiples of 4). */
    Batch batch(long from, int count) throws IOException {
        if (from % LINES_PER_ORDER != 0 || count % LINES_PER_ORDER != 0) {
            throw new IllegalArgumentException("batches hold whole orders");
        }
        List<Map<String, Object>> lines = new ArrayList<>(count);
        BigDecimal revenue = BigDecimal.ZERO;
        for (long n = from; n < from + count; n++) {
            lines.add(fields(n));
            revenue = revenue.add(revenue(n));
        }
        return new Batch(json.writeValueAsBytes(lines), count, revenue, count / LINES_PER_ORDER);
    }

    /** The same lines as facts, for the raw COPY. */
    List<RawCopy.Row> rows(long from, int count) {
        List<RawCopy.Row> rows = new ArrayList<>(count);
        for (long n = from; n < from + count; n++) {
            rows.add(new RawCopy.Row(orderId(n) + "|" + (1 + n % LINES_PER_ORDER), date(n), fields(n)));
        }
        return rows;
    }
}
