package dev.pacer.goal.review;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new status of an action item. */
@Schema(name = "ActionStatusRequest")
public record ActionStatusRequest(@Schema(example = "DONE") @NotNull ActionStatus status) {
}
