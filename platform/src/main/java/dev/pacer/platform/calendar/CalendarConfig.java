package dev.pacer.platform.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.ZoneId;

/** The organisation's calendar; every service must use the same values (set them once in the deployment). */
@ConfigMapping(prefix = "pacer.calendar")
public interface CalendarConfig {
    /** Time zone that decides which day, month and quarter an instant belongs to. */
    @WithDefault("UTC")
    ZoneId zone();

    /** Month (1–12) the fiscal year starts in; 1 = calendar year. */
    @WithDefault("1")
    int fiscalYearStartMonth();

    /** Makes the configured {@link FiscalCalendar} injectable. */
    @ApplicationScoped
    class Producer {
        @Produces
        @Singleton
        FiscalCalendar calendar(CalendarConfig config) {
            return new FiscalCalendar(config.zone(), config.fiscalYearStartMonth());
        }
    }
}
