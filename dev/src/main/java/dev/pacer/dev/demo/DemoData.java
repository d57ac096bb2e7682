package dev.pacer.dev.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The demo organisation's order lines: from the first day of the fiscal year up to today, generated from a seed (the
 * same seed and dates give the same lines), with weekends quieter than weekdays, a seasonal swing and growth over the
 * year.
 *
 * <p>It is shaped to tell the brief's story against the demo goals' linear plans: new customers (新增客户数, 市场部)
 * arrive at about {@value #NEW_CUSTOMER_PACE} of the plan's pace, so that goal is clearly off track (below the
 * −15 % at-risk band) whatever the day; new products (launched with the second fiscal quarter) sell at about
 * {@value #NEW_PRODUCT_PACE} of theirs, so 新品销售额 is on track.
 */
public final class DemoData {
    /** The base and challenge targets of 新增客户数 for the fiscal year. */
    public static final BigDecimal NEW_CUSTOMERS_BASE = new BigDecimal("1200");
    public static final BigDecimal NEW_CUSTOMERS_CHALLENGE = new BigDecimal("1500");
    /** The base and challenge targets of 新品销售额 for the second to fourth fiscal quarters. */
    public static final BigDecimal NEW_PRODUCT_SALES_BASE = new BigDecimal("600000");
    public static final BigDecimal NEW_PRODUCT_SALES_CHALLENGE = new BigDecimal("720000");
    /** New customers arrive at this fraction of the base plan's pace over the year (0.58–0.72 of it to date). */
    public static final double NEW_CUSTOMER_PACE = 0.72;
    /** New products sell at this fraction of the base plan's pace. */
    public static final double NEW_PRODUCT_PACE = 1.0;
    public static final long DEFAULT_SEED = 20260101L;

    static final List<String> REGIONS = List.of("华东", "华北", "华南", "西部");
    /** Classic products: id and unit price. */
    private static final String[] CLASSIC_IDS = {"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10"};
    private static final BigDecimal[] CLASSIC_PRICES = prices("18.00", "19.50", "10.00", "22.00", "21.35", "25.00",
            "30.00", "40.00", "97.00", "31.00");
    /** New products, sold from the second fiscal quarter on. */
    private static final String[] NEW_IDS = {"N01", "N02", "N03", "N04"};
    private static final BigDecimal[] NEW_PRICES = prices("129.00", "189.00", "249.00", "399.00");
    /** Chance per day that one customer orders again, before the day's weight. */
    private static final double REPEAT_RATE = 0.006;

    /** One order line, in the shape of the demo dataset. */
    public record OrderLine(String orderId, String productId, String customerId, LocalDate orderDate, int quantity,
            BigDecimal unitPrice, String productLine, String region) {

        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }

        public boolean newProduct() {
            return "new".equals(productLine);
        }
    }

    /**
     * What was generated, and the figures the goals should show as of {@code today}.
     *
     * @param newCustomers distinct customers with a first order in the fiscal year (all of them: the year starts empty)
     * @param newProductSales revenue of new products (all of it falls in their Q2–Q4 window)
     * @param newCustomersPlanned what the linear base plan of 新增客户数 expects by today
     * @param newProductSalesPlanned the same for 新品销售额 (0 before its window starts)
     */
    public record Generated(LocalDate fiscalYearStart, LocalDate today, List<OrderLine> lines, int newCustomers,
            int orders, BigDecimal revenue, BigDecimal newProductSales, BigDecimal newCustomersPlanned,
            BigDecimal newProductSalesPlanned) {
    }

    private DemoData() {
    }

    /**
     * The order lines from {@code fiscalYearStart} up to and including {@code today} (nothing after it).
     *
     * @throws IllegalArgumentException when today is before the fiscal year or a year or more after its start
     */
    public static Generated generate(LocalDate fiscalYearStart, LocalDate today, long seed) {
        Objects.requireNonNull(fiscalYearStart, "fiscalYearStart");
        Objects.requireNonNull(today, "today");
        LocalDate yearEnd = fiscalYearStart.plusYears(1);
        if (today.isBefore(fiscalYearStart) || !today.isBefore(yearEnd)) {
            throw new IllegalArgumentException(today + " is not in the fiscal year starting " + fiscalYearStart);
        }
        int yearDays = (int) ChronoUnit.DAYS.between(fiscalYearStart, yearEnd);
        LocalDate launch = fiscalYearStart.plusMonths(3);
        int launchDay = (int) ChronoUnit.DAYS.between(fiscalYearStart, launch);
        int windowDays = yearDays - launchDay;

        double[] customerWeights = new double[yearDays];
        double[] productWeights = new double[yearDays];
        for (int i = 0; i < yearDays; i++) {
            LocalDate day = fiscalYearStart.plusDays(i);
            customerWeights[i] = customerWeight(day, i, yearDays);
            productWeights[i] = i < launchDay ? 0 : productWeight(day, i - launchDay, windowDays);
        }
        double customerTotal = sum(customerWeights, yearDays);
        double productTotal = sum(productWeights, yearDays);
        double customersForYear = NEW_CUSTOMER_PACE * NEW_CUSTOMERS_BASE.doubleValue();
        double productSalesForWindow = NEW_PRODUCT_PACE * NEW_PRODUCT_SALES_BASE.doubleValue();

        Random random = new Random(seed);
        List<OrderLine> lines = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<String> regionOf = new ArrayList<>();
        int orderSeq = 100_000;
        double customerWeightSoFar = 0;
        double productWeightSoFar = 0;
        int customersSoFar = 0;
        BigDecimal productSalesSoFar = BigDecimal.ZERO;
        int todayIndex = (int) ChronoUnit.DAYS.between(fiscalYearStart, today);
        for (int i = 0; i <= todayIndex; i++) {
            LocalDate day = fiscalYearStart.plusDays(i);
            // new customers: the day brings the cumulative count up to its share of the year
            customerWeightSoFar += customerWeights[i];
            int due = (int) Math.floor(customersForYear * customerWeightSoFar / customerTotal);
            for (; customersSoFar < due; customersSoFar++) {
                String customer = String.format("C%05d", customersSoFar + 1);
                String region = REGIONS.get(random.nextInt(REGIONS.size()));
                customers.add(customer);
                regionOf.add(region);
                orderSeq = classicOrder(lines, random, ++orderSeq, customer, region, day);
            }
            // repeat orders of earlier customers
            if (!customers.isEmpty()) {
                double expected = REPEAT_RATE * customers.size() * customerWeights[i] / (customerTotal / yearDays);
                int repeats = (int) Math.floor(expected + random.nextDouble());
                for (int r = 0; r < repeats; r++) {
                    int c = random.nextInt(customers.size());
                    orderSeq = classicOrder(lines, random, ++orderSeq, customers.get(c), regionOf.get(c), day);
                }
            }
            // new products: orders until the day's share of the window's sales is reached
            if (productWeights[i] > 0 && !customers.isEmpty()) {
                productWeightSoFar += productWeights[i];
                double dueSales = productSalesForWindow * productWeightSoFar / productTotal;
                while (productSalesSoFar.doubleValue() < dueSales) {
                    int c = random.nextInt(customers.size());
                    int p = random.nextInt(NEW_IDS.length);
                    OrderLine line = new OrderLine("SO" + (++orderSeq), NEW_IDS[p], customers.get(c), day,
                            1 + random.nextInt(6), NEW_PRICES[p], "new", regionOf.get(c));
                    lines.add(line);
                    productSalesSoFar = productSalesSoFar.add(line.amount());
                }
            }
        }

        Set<String> orders = new LinkedHashSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            orders.add(line.orderId());
            revenue = revenue.add(line.amount());
        }
        long elapsed = todayIndex + 1L;
        BigDecimal customersPlanned = NEW_CUSTOMERS_BASE.multiply(BigDecimal.valueOf(elapsed))
                .divide(BigDecimal.valueOf(yearDays), 4, RoundingMode.HALF_UP);
        long windowElapsed = Math.max(0, todayIndex + 1L - launchDay);
        BigDecimal productsPlanned = NEW_PRODUCT_SALES_BASE.multiply(BigDecimal.valueOf(windowElapsed))
                .divide(BigDecimal.valueOf(windowDays), 4, RoundingMode.HALF_UP);
        return new Generated(fiscalYearStart, today, List.copyOf(lines), customers.size(), orders.size(), revenue,
                productSalesSoFar, customersPlanned, productsPlanned);
    }

    /** An order of one to three distinct classic products; returns the order number used. */
    private static int classicOrder(List<OrderLine> lines, Random random, int orderNumber, String customer,
            String region, LocalDate day) {
        int count = 1 + random.nextInt(3);
        Set<Integer> products = new LinkedHashSet<>();
        while (products.size() < count) {
            products.add(random.nextInt(CLASSIC_IDS.length));
        }
        for (int p : products) {
            lines.add(new OrderLine("SO" + orderNumber, CLASSIC_IDS[p], customer, day, 1 + random.nextInt(20),
                    CLASSIC_PRICES[p], "classic", region));
        }
        return orderNumber;
    }

    /** Weekends are quieter; a seasonal swing peaks late in the year; demand grows by a fifth over the year. */
    private static double customerWeight(LocalDate day, int index, int yearDays) {
        double growth = 1 + 0.2 * index / yearDays;
        double season = 1 + 0.1 * StrictMath.sin(2 * StrictMath.PI * index / yearDays - StrictMath.PI / 2);
        return weekday(day) * growth * season;
    }

    /** New products sell steadily after launch, with a mild swing over their window. */
    private static double productWeight(LocalDate day, int index, int windowDays) {
        double season = 1 + 0.03 * StrictMath.sin(2 * StrictMath.PI * index / windowDays);
        return weekday(day) * season;
    }

    private static double weekday(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.6 : 1.0;
    }

    private static double sum(double[] values, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += values[i];
        }
        return total;
    }

    private static BigDecimal[] prices(String... values) {
        BigDecimal[] out = new BigDecimal[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = new BigDecimal(values[i]);
        }
        return out;
    }
}
