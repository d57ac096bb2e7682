package dev.pacer.alert.silence;

/** Where a silence stands at a given instant; derived from its start and end, never stored. */
public enum SilenceState {
    /** Starts in the future. */
    PENDING,
    /** Silences matching alerts now. */
    ACTIVE,
    /** Ended (or expired early); kept for the record. */
    EXPIRED
}
