package dev.pacer.alert.silence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One matcher as the API writes it: {@code {"name": "team", "operator": "=~", "value": "sales|marketing"}}. */
@Schema(name = "Matcher", description = "A condition on an alert's labels, with Alertmanager's semantics: a label "
        + "the alert lacks has the empty value; regular expressions must match the whole value")
public record MatcherSpec(
        @Schema(description = "Label name", example = "severity")
        @NotBlank @Pattern(regexp = LabelMatcher.NAME_PATTERN,
                message = "must start with a letter or _ and hold only letters, digits and _ (at most 100)")
        String name,
        @Schema(description = "`=` equals, `!=` differs, `=~` matches the regular expression, `!~` does not",
                enumeration = {"=", "!=", "=~", "!~"}, example = "=~")
        @NotNull @Pattern(regexp = MatchOperator.SYMBOL_PATTERN, message = "must be one of " + MatchOperator.SYMBOLS)
        String operator,
        @Schema(description = "The value, or a regular expression (Java syntax, at most "
                + LabelMatcher.MAX_REGEX_LENGTH + " characters) for `=~` and `!~`", example = "warning|critical")
        @NotNull @Size(max = LabelMatcher.MAX_VALUE_LENGTH) String value) {

    static MatcherSpec of(LabelMatcher m) {
        return new MatcherSpec(m.name(), m.operator().symbol(), m.value());
    }
}
