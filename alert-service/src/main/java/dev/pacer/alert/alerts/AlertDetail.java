package dev.pacer.alert.alerts;

import dev.pacer.events.AlertState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An alert with its full state history. */
@Schema(name = "AlertDetail")
public record AlertDetail(AlertView alert, @Schema(description = "Every change, oldest first") List<Change> history) {

    /** One change of state (or an acknowledgement, where from = to), with its reason and evidence. */
    @Schema(name = "AlertChange")
    public record Change(OffsetDateTime at, @Schema(example = "PENDING") AlertState from,
            @Schema(example = "FIRING") AlertState to, String reason, Map<String, Object> evidence) {
    }
}
