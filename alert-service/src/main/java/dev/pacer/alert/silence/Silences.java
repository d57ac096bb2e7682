package dev.pacer.alert.silence;

import dev.pacer.platform.problem.Problem.FieldError;
import dev.pacer.platform.problem.ProblemException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The rules a new silence must follow, checked without any framework. */
public final class Silences {
    public static final int MAX_MATCHERS = 20;

    private Silences() {
    }

    /**
     * The silence a request describes, created by {@code createdBy} at {@code now}: a start in the past (or none) is
     * now, as in Alertmanager.
     *
     * @throws ProblemException a 400 naming every invalid field ({@code matchers[1].value}, {@code endsAt}, …)
     */
    public static Silence define(NewSilence request, UUID id, String createdBy, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        List<LabelMatcher> matchers = matchers(request.matchers(), errors);

        Instant start = request.startsAt() == null ? now : micros(request.startsAt().toInstant());
        if (start.isBefore(now)) {
            start = now;
        }
        Instant end = request.endsAt() == null ? null : micros(request.endsAt().toInstant());
        if (end == null) {
            errors.add(new FieldError("endsAt", "must not be null"));
        } else if (!end.isAfter(now)) {
            errors.add(new FieldError("endsAt", "must be in the future (now is " + now + ")"));
        } else if (!end.isAfter(start)) {
            errors.add(new FieldError("endsAt", "must be after startsAt (" + start + ")"));
        }
        if (request.comment() == null || request.comment().isBlank()) {
            errors.add(new FieldError("comment", "must not be blank"));
        }
        Set<String> departments = departments(request.departments(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Silence(id, matchers, start, end, request.comment().strip(), departments, createdBy, now, null);
    }

    private static List<LabelMatcher> matchers(List<MatcherSpec> specs, List<FieldError> errors) {
        if (specs == null || specs.isEmpty()) {
            errors.add(new FieldError("matchers", "must not be empty"));
            return List.of();
        }
        if (specs.size() > MAX_MATCHERS) {
            errors.add(new FieldError("matchers", "must hold at most " + MAX_MATCHERS + " matchers"));
            return List.of();
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < specs.size(); i++) {
            MatcherSpec spec = specs.get(i);
            if (spec == null) {
                errors.add(new FieldError("matchers[" + i + "]", "must not be null"));
                continue;
            }
            try {
                matchers.add(LabelMatcher.of(spec.name(), spec.operator(), spec.value()));
            } catch (InvalidMatcherException e) {
                errors.add(new FieldError("matchers[" + i + "]." + e.part().field(), e.getMessage()));
            }
        }
        if (errors.size() == before && matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            errors.add(new FieldError("matchers", "every matcher also matches alerts without its label, so this "
                    + "silence would mute everything; add one that does not (e.g. alertname=\"GoalOffTrack\")"));
        }
        return matchers;
    }

    private static Set<String> departments(List<String> given, List<FieldError> errors) {
        Set<String> departments = new LinkedHashSet<>();
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError("departments", "must not be empty"));
            return departments;
        }
        for (int i = 0; i < given.size(); i++) {
            String d = given.get(i);
            if (d == null || d.isBlank()) {
                errors.add(new FieldError("departments[" + i + "]", "must not be blank"));
            } else {
                departments.add(d.strip());
            }
        }
        return departments;
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }
}
