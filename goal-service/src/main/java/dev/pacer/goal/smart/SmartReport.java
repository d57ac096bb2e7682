package dev.pacer.goal.smart;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The SMART check of a goal: one verdict per letter, with the reasons. */
@Schema(name = "SmartReport", description = "The SMART check of a goal: one verdict per letter with its reasons; "
        + "a goal can be activated when no letter fails")
public record SmartReport(
        @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
        @Schema(description = "True when no letter fails", example = "true") boolean passes,
        @Schema(description = "Specific, Measurable, Achievable, Relevant, Time-bound, in that order")
        List<LetterVerdict> letters) {

    /** The verdict on one letter. */
    @Schema(name = "SmartLetter")
    public record LetterVerdict(
            @Schema(example = "MEASURABLE") Letter letter,
            @Schema(example = "PASS") Verdict verdict,
            @Schema(example = "[\"metric new_customers is certified (version 3), unit 个, source dataset orders\"]")
            List<String> reasons) {
    }

    public List<LetterVerdict> failing() {
        return letters.stream().filter(l -> l.verdict() == Verdict.FAIL).toList();
    }
}
