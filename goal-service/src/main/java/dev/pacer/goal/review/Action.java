package dev.pacer.goal.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An action item of a review. */
@Schema(name = "ReviewAction")
public record Action(
        @Schema(example = "5d1c7e2a-8f3b-4a6c-9e0d-1b2c3d4e5f60") UUID id,
        @Schema(example = "加推华东渠道活动") String title,
        @Schema(example = "zhang.wei") String owner,
        @Schema(example = "2026-10-31") LocalDate dueDate,
        @Schema(example = "OPEN") ActionStatus status,
        @Schema(example = "1") int version,
        OffsetDateTime createdAt,
        @Schema(example = "li.na") String createdBy,
        OffsetDateTime updatedAt,
        @Schema(example = "zhang.wei") String updatedBy) {

    static Action of(ActionEntity e) {
        return new Action(e.id, e.title, e.owner, e.dueDate, e.status, e.version, e.createdAt, e.createdBy,
                e.updatedAt, e.updatedBy);
    }
}
