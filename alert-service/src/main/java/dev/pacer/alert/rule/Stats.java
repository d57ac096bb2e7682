package dev.pacer.alert.rule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;

/** Small robust statistics on doubles. */
final class Stats {
    /** Makes the MAD a consistent estimator of σ for normally distributed data. */
    static final double MAD_SCALE = 1.4826;

    private Stats() {
    }

    static double[] toArray(List<BigDecimal> values) {
        return values.stream().mapToDouble(BigDecimal::doubleValue).toArray();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /** The median absolute deviation from the median (unscaled). */
    static double mad(double[] xs) {
        double m = median(xs);
        double[] dev = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            dev[i] = Math.abs(xs[i] - m);
        }
        return median(dev);
    }

    static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** The sample standard deviation (n − 1); 0 for fewer than two values. */
    static double stddev(double[] xs) {
        if (xs.length < 2) {
            return 0;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    /** Ten significant digits, trailing zeros stripped: stable evidence numbers. */
    static BigDecimal decimal(double v) {
        return new BigDecimal(v, new MathContext(10)).stripTrailingZeros();
    }
}
