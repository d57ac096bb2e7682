package dev.pacer.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.dev.demo.DemoData.Generated;
import dev.pacer.dev.demo.DemoData.OrderLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    private static final LocalDate FY = LocalDate.of(2026, 1, 1);

    @Test
    void theSameSeedAndDatesGiveTheSameLines() {
        Generated a = DemoData.generate(FY, LocalDate.of(2026, 11, 27), DemoData.DEFAULT_SEED);
        Generated b = DemoData.generate(FY, LocalDate.of(2026, 11, 27), DemoData.DEFAULT_SEED);
        assertThat(a.lines()).isEqualTo(b.lines());
        assertThat(DemoData.generate(FY, LocalDate.of(2026, 11, 27), 7L).lines()).isNotEqualTo(a.lines());
    }

    @Test
    void aYearIsAFewThousandLinesWithinTheFiscalYearAndNothingAfterToday() {
        LocalDate today = LocalDate.of(2026, 11, 27);
        Generated g = DemoData.generate(FY, today, DemoData.DEFAULT_SEED);
        assertThat(g.lines()).hasSizeBetween(2000, 8000);
        assertThat(g.lines()).allSatisfy(l -> {
            assertThat(l.orderDate()).isBetween(FY, today);
            assertThat(l.quantity()).isPositive();
            assertThat(l.unitPrice()).isPositive();
            assertThat(DemoData.REGIONS).contains(l.region());
        });
        assertThat(g.lines()).anySatisfy(l -> assertThat(l.orderDate()).isEqualTo(today));
        Set<String> keys = new HashSet<>();
        g.lines().forEach(l -> assertThat(keys.add(l.orderId() + "/" + l.productId()))
                .as("primary key %s/%s once", l.orderId(), l.productId()).isTrue());
    }

    @Test
    void newCustomersFallClearlyBehindTheirLinearPlanOnEveryDay() {
        for (LocalDate today = FY.plusDays(20); today.isBefore(FY.plusYears(1)); today = today.plusDays(3)) {
            Generated g = DemoData.generate(FY, today, DemoData.DEFAULT_SEED);
            Set<String> customers = new HashSet<>();
            g.lines().forEach(l -> customers.add(l.customerId()));
            assertThat(customers).hasSize(g.newCustomers());
            double attainment = g.newCustomers() / g.newCustomersPlanned().doubleValue();
            // OFF_TRACK is below -15 % (an attainment under 0.85): the demo is well below it on every day
            assertThat(attainment).as("new customers vs plan on %s", today).isBetween(0.55, 0.75);
        }
    }

    @Test
    void newProductsSellOnPaceFromTheSecondQuarter() {
        LocalDate launch = FY.plusMonths(3);
        for (LocalDate today = launch.plusDays(30); today.isBefore(FY.plusYears(1)); today = today.plusDays(3)) {
            Generated g = DemoData.generate(FY, today, DemoData.DEFAULT_SEED);
            BigDecimal sold = BigDecimal.ZERO;
            for (OrderLine l : g.lines()) {
                if (l.newProduct()) {
                    assertThat(l.orderDate()).isAfterOrEqualTo(launch);
                    sold = sold.add(l.amount());
                }
            }
            assertThat(sold).isEqualByComparingTo(g.newProductSales());
            double attainment = sold.divide(g.newProductSalesPlanned(), 6, RoundingMode.HALF_UP).doubleValue();
            // ON_TRACK is within -5 % .. +5 % (from a month after launch: the first weeks follow a few large orders)
            assertThat(attainment).as("new product sales vs plan on %s", today).isBetween(0.97, 1.04);
        }
        Generated beforeLaunch = DemoData.generate(FY, launch.minusDays(1), DemoData.DEFAULT_SEED);
        assertThat(beforeLaunch.lines()).noneMatch(OrderLine::newProduct);
        assertThat(beforeLaunch.newProductSalesPlanned()).isZero();
    }

    @Test
    void ordersGrowOverTheYearAndWeekendsAreQuieter() {
        Generated g = DemoData.generate(FY, LocalDate.of(2026, 12, 31), DemoData.DEFAULT_SEED);
        Map<Integer, Integer> firstOrdersByQuarter = new TreeMap<>();
        Map<Boolean, Integer> linesByWeekend = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (OrderLine l : g.lines()) {
            if (seen.add(l.customerId())) {
                firstOrdersByQuarter.merge((l.orderDate().getMonthValue() - 1) / 3, 1, Integer::sum);
            }
            boolean weekend = l.orderDate().getDayOfWeek().getValue() >= 6;
            linesByWeekend.merge(weekend, 1, Integer::sum);
        }
        assertThat(firstOrdersByQuarter.get(3)).isGreaterThan(firstOrdersByQuarter.get(0));
        // 2 of 7 days are weekend days, at 0.6 of a weekday's volume
        assertThat(linesByWeekend.get(true) / (double) g.lines().size()).isBetween(0.15, 0.24);
        assertThat(g.revenue()).isPositive();
        assertThat(g.orders()).isLessThan(g.lines().size());
    }

    @Test
    void aFiscalYearStartingInAprilRunsFromApril() {
        LocalDate april = LocalDate.of(2026, 4, 1);
        assertThat(DemoLoader.fiscalYearStart(LocalDate.of(2027, 2, 10), 4)).isEqualTo(april);
        assertThat(DemoLoader.fiscalYearStart(LocalDate.of(2026, 11, 27), 1)).isEqualTo(FY);
        Generated g = DemoData.generate(april, LocalDate.of(2027, 2, 10), 1L);
        assertThat(g.lines()).allSatisfy(l -> assertThat(l.orderDate()).isBetween(april, LocalDate.of(2027, 2, 10)));
        assertThat(g.lines().get(0).orderDate()).isEqualTo(april);
    }

    @Test
    void todayOutsideTheFiscalYearIsRefused() {
        assertThatThrownBy(() -> DemoData.generate(FY, LocalDate.of(2025, 12, 31), 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoData.generate(FY, LocalDate.of(2027, 1, 1), 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(DemoData.generate(FY, FY, 1L))).isNotEmpty();
    }
}
