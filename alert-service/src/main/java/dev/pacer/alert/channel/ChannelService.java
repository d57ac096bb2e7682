package dev.pacer.alert.channel;

import dev.pacer.alert.mail.SmtpServer;
import dev.pacer.alert.paging.Keyset;
import dev.pacer.platform.crypto.SecretCipher;
import dev.pacer.alert.security.DepartmentScope;
import dev.pacer.events.Severity;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Creates, changes, lists and deletes channels (webhooks and e-mail); webhook secrets are stored encrypted and never
 * returned. An e-mail channel is accepted only while the service has an SMTP server configured.
 */
@ApplicationScoped
public class ChannelService {
    private final DepartmentScope scope;
    private final SecretCipher cipher;
    private final Clock clock;
    private final SmtpServer smtp;

    public ChannelService(DepartmentScope scope, SecretCipher cipher, Clock clock, SmtpServer smtp) {
        this.scope = scope;
        this.cipher = cipher;
        this.clock = clock;
        this.smtp = smtp;
    }

    @Transactional
    public ChannelView create(ChannelDefinition d) {
        check(d, true);
        requireMailWhenEmail(d, null);
        Set<String> departments = departments(d);
        scope.requireManage(departments, "a channel");
        Instant now = clock.instant();
        ChannelEntity e = new ChannelEntity();
        e.id = UUID.randomUUID();
        e.version = 1;
        e.createdAt = now;
        e.createdBy = scope.subject();
        apply(e, d, departments, now);
        e.persist();
        return toView(e);
    }

    public ChannelView get(UUID id) {
        ChannelEntity e = find(id, LockModeType.NONE);
        scope.requireRead(Arrays.asList(e.departments));
        return toView(e);
    }

    /** Replaces the definition (keeping the secret when none is sent); 412 unless {@code expectedVersion} is current. */
    @Transactional
    public ChannelView update(UUID id, int expectedVersion, ChannelDefinition d) {
        ChannelEntity e = find(id, LockModeType.PESSIMISTIC_WRITE);
        scope.requireManage(Arrays.asList(e.departments), "this channel");
        requireVersion(e, expectedVersion);
        check(d, e.secretCiphertext == null);
        requireMailWhenEmail(d, e);
        Set<String> departments = departments(d);
        scope.requireManage(departments, "a channel");
        e.version++;
        apply(e, d, departments, clock.instant());
        return toView(e);
    }

    /** Deletes the channel; when {@code expectedVersion} is given, 412 unless it is current. */
    @Transactional
    public void delete(UUID id, Optional<Integer> expectedVersion) {
        ChannelEntity e = find(id, LockModeType.PESSIMISTIC_WRITE);
        scope.requireManage(Arrays.asList(e.departments), "this channel");
        expectedVersion.ifPresent(v -> requireVersion(e, v));
        e.delete();
    }

    /** Sorted by name; limited to channels of the caller's departments (an admin sees all). */
    public Page<ChannelView> list(Optional<String> department, Optional<Boolean> enabled, int limit, String cursor) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!scope.restrictQuery(where, params, department)) {
            return new Page<>(List.of(), null);
        }
        enabled.ifPresent(b -> {
            where.add("enabled = :enabled");
            params.and("enabled", b);
        });
        Keyset after = Keyset.after(cursor);
        if (after != null) {
            where.add("(name > :afterName or (name = :afterName and id > :afterId))");
            params.and("afterName", after.value()).and("afterId", after.id());
        }
        Sort sort = Sort.ascending("name", "id");
        List<ChannelEntity> rows = (where.isEmpty()
                ? ChannelEntity.<ChannelEntity>findAll(sort)
                : ChannelEntity.<ChannelEntity>find(String.join(" and ", where), sort, params))
                .page(0, limit + 1).list();
        return Page.of(rows.stream().map(ChannelService::toView).toList(), limit, v -> Keyset.key(v.id(), v.name()));
    }

    private void apply(ChannelEntity e, ChannelDefinition d, Set<String> departments, Instant now) {
        e.name = d.name().strip();
        e.type = d.effectiveType().name();
        if (d.effectiveType() == ChannelType.WEBHOOK) {
            e.url = d.url().strip();
            if (d.secret() != null) {
                e.secretCiphertext = cipher.encrypt(d.secret(), e.id.toString());
            }
            e.recipients = null;
        } else {
            e.url = null;
            e.secretCiphertext = null;
            e.recipients = d.recipients().stream().map(String::strip).toArray(String[]::new);
        }
        e.groupBy = (d.groupBy() == null ? GroupBy.DEFAULT : d.groupBy()).toArray(String[]::new);
        e.departments = departments.toArray(String[]::new);
        e.severities = EnumSet.copyOf(d.severities()).stream().map(Severity::name).toArray(String[]::new);
        e.enabled = d.enabled() == null || d.enabled();
        e.groupWaitSeconds = d.groupWait() == null ? null : d.groupWait().toSeconds();
        e.groupIntervalSeconds = (d.groupInterval() == null ? Channels.DEFAULT_GROUP_INTERVAL : d.groupInterval())
                .toSeconds();
        e.repeatIntervalSeconds = (d.repeatInterval() == null ? Channels.DEFAULT_REPEAT_INTERVAL : d.repeatInterval())
                .toSeconds();
        e.updatedAt = now;
        e.updatedBy = scope.subject();
    }

    /** {@code needsSecret}: a webhook definition must carry a secret (a new channel, or none stored yet). */
    private static void check(ChannelDefinition d, boolean needsSecret) {
        List<Problem.FieldError> errors = Channels.violations(d, needsSecret);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** A new e-mail channel (or a channel turned into one) needs the service's SMTP server. */
    private void requireMailWhenEmail(ChannelDefinition d, ChannelEntity existing) {
        boolean becomesEmail = d.effectiveType() == ChannelType.EMAIL
                && (existing == null || existing.channelType() != ChannelType.EMAIL);
        if (becomesEmail && !smtp.configured()) {
            throw ProblemException.invalid("type", "EMAIL channels need the service's SMTP server, and none is "
                    + "configured: the operator sets " + SmtpServer.HOST_ENV + " (" + SmtpServer.HOST_KEY + ")");
        }
    }

    private static Set<String> departments(ChannelDefinition d) {
        Set<String> result = new TreeSet<>();
        d.departments().forEach(dep -> result.add(dep.strip()));
        return result;
    }

    private static void requireVersion(ChannelEntity e, int expected) {
        if (e.version != expected) {
            throw ProblemException.preconditionFailed("Channel '" + e.id + "' is at version " + e.version + ", not "
                    + expected + "; read it again and reapply your change");
        }
    }

    private static ChannelEntity find(UUID id, LockModeType lock) {
        ChannelEntity e = ChannelEntity.findById(id, lock);
        if (e == null) {
            throw ProblemException.notFound("Channel", id.toString());
        }
        return e;
    }

    private static ChannelView toView(ChannelEntity e) {
        return new ChannelView(e.id, e.name, e.channelType(), e.url,
                e.recipients == null ? null : List.of(e.recipients), List.of(e.departments),
                Arrays.stream(e.severities).map(Severity::valueOf).sorted().toList(), e.enabled, e.groupByLabels(),
                e.groupWaitSeconds == null ? null : Duration.ofSeconds(e.groupWaitSeconds),
                Duration.ofSeconds(e.groupIntervalSeconds), Duration.ofSeconds(e.repeatIntervalSeconds), e.version,
                e.createdAt.atOffset(ZoneOffset.UTC), e.createdBy, e.updatedAt.atOffset(ZoneOffset.UTC), e.updatedBy);
    }
}
