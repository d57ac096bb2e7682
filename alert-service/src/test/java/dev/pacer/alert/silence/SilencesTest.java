package dev.pacer.alert.silence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SilencesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final MatcherSpec STALE = new MatcherSpec("alertname", "=", "MetricStale");

    private static NewSilence request(List<MatcherSpec> matchers, Instant start, Instant end, List<String> departments) {
        return new NewSilence(matchers, start == null ? null : start.atOffset(ZoneOffset.UTC),
                end == null ? null : end.atOffset(ZoneOffset.UTC), "ERP maintenance", departments);
    }

    private static Silence define(NewSilence r) {
        return Silences.define(r, UUID.randomUUID(), "alice", NOW);
    }

    @Test
    void startsNowWhenNoStartIsGivenAndRecordsItsAuthor() {
        Silence s = define(request(List.of(STALE), null, NOW.plus(Duration.ofHours(2)), List.of("sales")));
        assertThat(s.startsAt()).isEqualTo(NOW);
        assertThat(s.state(NOW)).isEqualTo(SilenceState.ACTIVE);
        assertThat(s.createdBy()).isEqualTo("alice");
        assertThat(s.createdAt()).isEqualTo(NOW);
        assertThat(s.expiredBy()).isNull();
    }

    @Test
    void aStartInThePastBecomesNowAndAFutureStartIsPending() {
        Instant end = NOW.plus(Duration.ofHours(2));
        assertThat(define(request(List.of(STALE), NOW.minus(Duration.ofDays(1)), end, List.of("sales"))).startsAt())
                .isEqualTo(NOW);
        Silence later = define(request(List.of(STALE), NOW.plus(Duration.ofHours(1)), end, List.of("sales")));
        assertThat(later.state(NOW)).isEqualTo(SilenceState.PENDING);
    }

    @Test
    void theEndMustBeInTheFutureAndAfterTheStart() {
        assertInvalid(() -> define(request(List.of(STALE), null, NOW, List.of("sales"))), "endsAt", "future");
        assertInvalid(() -> define(request(List.of(STALE), NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(2)),
                List.of("sales"))), "endsAt", "after startsAt");
        assertInvalid(() -> define(request(List.of(STALE), null, null, List.of("sales"))), "endsAt", "null");
    }

    @Test
    void anInvalidRegularExpressionIsNamedByItsPlaceAndWrittenOut() {
        List<MatcherSpec> matchers = List.of(STALE, new MatcherSpec("metric", "=~", "revenue|(orders"));
        assertInvalid(() -> define(request(matchers, null, NOW.plusSeconds(60), List.of("sales"))),
                "matchers[1].value", "metric=~\"revenue|(orders\" is not a valid regular expression");
    }

    @Test
    void everyBadMatcherFieldIsNamed() {
        List<MatcherSpec> matchers = List.of(new MatcherSpec("bad-name", "=", "x"), new MatcherSpec("ok", "~=", "x"));
        ProblemException e = catchProblem(() -> define(request(matchers, null, NOW.plusSeconds(60), List.of("sales"))));
        assertThat(e.problem().errors()).extracting(Problem.FieldError::field)
                .containsExactly("matchers[0].name", "matchers[1].operator");
    }

    @Test
    void aSilenceThatWouldMuteEverythingIsRefused() {
        List<MatcherSpec> matchers = List.of(new MatcherSpec("team", "=~", ".*"), new MatcherSpec("region", "!=", "x"));
        assertInvalid(() -> define(request(matchers, null, NOW.plusSeconds(60), List.of("sales"))), "matchers",
                "mute everything");
    }

    @Test
    void needsMatchersACommentAndDepartments() {
        ProblemException e = catchProblem(() -> Silences.define(new NewSilence(List.of(), null,
                OffsetDateTime.parse("2026-03-02T13:00:00Z"), " ", List.of()), UUID.randomUUID(), "alice", NOW));
        assertThat(e.problem().errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("matchers", "comment", "departments");
    }

    @Test
    void departmentsAreTrimmedAndDeduplicated() {
        Silence s = define(request(List.of(STALE), null, NOW.plusSeconds(60), List.of("sales", " sales ", "finance")));
        assertThat(s.departments()).containsExactly("finance", "sales");
    }

    @Test
    void timesAreKeptToTheMicrosecondAsTheDatabaseStoresThem() {
        Instant end = NOW.plus(Duration.ofHours(1)).plusNanos(123_456_789);
        assertThat(define(request(List.of(STALE), null, end, List.of("sales"))).endsAt())
                .isEqualTo(NOW.plus(Duration.ofHours(1)).plusNanos(123_456_000));
    }

    private static void assertInvalid(ThrowingCallable call, String field, String messagePart) {
        ProblemException e = catchProblem(call);
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().errors()).anySatisfy(err -> {
            assertThat(err.field()).isEqualTo(field);
            assertThat(err.message()).contains(messagePart);
        });
    }

    private static ProblemException catchProblem(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(ProblemException.class);
        return (ProblemException) t;
    }
}
