package dev.pacer.metric.definition;

/** Running-total windows of cumulative metrics. */
public enum CumulativeWindow {
    /** Fiscal year to date. */
    YTD,
    /** Fiscal quarter to date. */
    QTD,
    /** Month to date. */
    MTD
}
