package dev.pacer.goal.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/** How goal progress is judged (see {@link PaceTolerances}); deviations of the attainment to date from 1. */
@ConfigMapping(prefix = "pacer.goal.pace")
public interface ProgressConfig {
    /** A goal is AHEAD from this deviation on (0.05 = 5 % better than planned). */
    @WithDefault("0.05")
    BigDecimal ahead();

    /** A goal is ON_TRACK from this deviation on (−0.05 = up to 5 % behind plan). */
    @WithDefault("-0.05")
    BigDecimal onTrack();

    /** A goal is AT_RISK from this deviation on, OFF_TRACK below it (−0.15 = more than 15 % behind). */
    @WithDefault("-0.15")
    BigDecimal atRisk();

    /** Makes the configured {@link ProgressCalculator} injectable. */
    @ApplicationScoped
    class Producer {
        @Produces
        @Singleton
        ProgressCalculator calculator(ProgressConfig config) {
            return new ProgressCalculator(new PaceTolerances(config.ahead(), config.onTrack(), config.atRisk()));
        }
    }
}
