package dev.pacer.events;

/** How a goal is pacing against its plan. */
public enum PaceStatus {
    AHEAD, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA
}
