package dev.pacer.ingest.source;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A source's schedule: a Quartz cron expression (as Quarkus' scheduler reads them: seconds minutes hours
 * day-of-month month day-of-week [year], e.g. {@code 0 0/15 * * * ?}) in a zone.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final ExecutionTime execution;

    private CronSchedule(ExecutionTime execution) {
        this.execution = execution;
    }

    /** @throws IllegalArgumentException saying what is wrong with the expression */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("must be a Quartz cron expression, e.g. '0 0/15 * * * ?'");
        }
        try {
            return new CronSchedule(ExecutionTime.forCron(PARSER.parse(expression.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a Quartz cron expression (seconds minutes hours day-of-month "
                    + "month day-of-week, e.g. '0 0/15 * * * ?'): " + e.getMessage());
        }
    }

    /** The first time strictly after {@code after}; null when the expression never fires again. */
    public Instant nextAfter(Instant after, ZoneId zone) {
        return execution.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant).orElse(null);
    }
}
