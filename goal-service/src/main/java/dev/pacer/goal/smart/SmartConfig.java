package dev.pacer.goal.smart;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/** Settings of the SMART check. */
@ConfigMapping(prefix = "pacer.goal.smart")
public interface SmartConfig {
    /** A target warns (Achievable) when it asks for more than this × the best year-on-year improvement in history. */
    @WithDefault("1.5")
    BigDecimal growthFactor();

    /** How many past years of the measure the Achievable letter compares with. */
    @WithDefault("3")
    int historyYears();
}
