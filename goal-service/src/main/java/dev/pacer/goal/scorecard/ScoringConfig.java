package dev.pacer.goal.scorecard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/** The {@link ScoringRule} of every scorecard, from {@code pacer.goal.scoring.*}. */
@ConfigMapping(prefix = "pacer.goal.scoring")
public interface ScoringConfig {
    /** Score for reaching the base target exactly. */
    @WithDefault("100")
    BigDecimal baseScore();

    /** Score for reaching the challenge target exactly. */
    @WithDefault("120")
    BigDecimal challengeScore();

    /** No goal scores more than this. */
    @WithDefault("120")
    BigDecimal cap();

    /** Below this attainment of the base target a goal scores 0 (0.6 = under 60 %); 0 for no floor. */
    @WithDefault("0")
    BigDecimal floorAttainment();

    /** Makes the configured rule injectable (a record: {@code @Singleton}, never proxied). */
    @ApplicationScoped
    class Producer {
        @Produces
        @Singleton
        ScoringRule rule(ScoringConfig config) {
            return new ScoringRule(config.baseScore(), config.challengeScore(), config.cap(), config.floorAttainment());
        }
    }
}
