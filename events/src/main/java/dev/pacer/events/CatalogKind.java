package dev.pacer.events;

/** The kind of a catalog entry. */
public enum CatalogKind {
    DATASET, METRIC
}
