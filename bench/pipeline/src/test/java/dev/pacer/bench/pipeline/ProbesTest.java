package dev.pacer.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pacer.bench.support.Percentiles;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Plain logic only (no services): probe values, matching a webhook's alert to its probe, percentiles. */
class ProbesTest {

    @Test
    void oddProbesFireAboveTheLimitAndEvenProbesResolveBelowIt() {
        assertEquals(Probes.LIMIT + 1, Probes.value(1));
        assertEquals(2, Probes.value(2));
        assertTrue(Probes.firing(3));
        assertFalse(Probes.firing(4));
    }

    @Test
    void anAlertMatchesTheProbeWithItsValueAndExpectedStateOnce() {
        Probes probes = new Probes();
        Probes.Probe first = probes.register(1, false, 100);
        first.acceptedNanos = 1_000_000;
        Probes.Probe second = probes.register(2, false, 200);
        second.acceptedNanos = 2_000_000;

        assertSame(first, probes.onAlert("FIRING", new BigDecimal("1000001.00"), 5_000_000));
        assertEquals(4.0, first.latencyMs());
        assertNull(probes.onAlert("FIRING", new BigDecimal("1000001"), 6_000_000), "a repeat is not matched again");
        assertEquals(1, probes.duplicates());
        assertNull(probes.onAlert("FIRING", new BigDecimal("2"), 7_000_000), "probe 2 resolves, it does not fire");
        assertNull(probes.onAlert("RESOLVED", new BigDecimal("2.5"), 7_000_000));
        assertNull(probes.onAlert("RESOLVED", null, 7_000_000));
        assertEquals(3, probes.unmatched());
        assertSame(second, probes.onAlert("RESOLVED", new BigDecimal("2"), 9_000_000));
        assertEquals(7.0, second.latencyMs());
    }

    @Test
    void nearestRankPercentiles() {
        Percentiles p = new Percentiles(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertEquals(5, p.at(50));
        assertEquals(10, p.at(95));
        assertEquals(10, p.at(99));
        assertEquals(1, p.at(1));
        assertTrue(Double.isNaN(new Percentiles(new double[0]).at(50)));
    }
}
