package dev.pacer.events;

/** The time grain of a metric value (week = ISO week; month, quarter, year follow the fiscal calendar). */
public enum Grain {
    DAY, WEEK, MONTH, QUARTER, YEAR
}
