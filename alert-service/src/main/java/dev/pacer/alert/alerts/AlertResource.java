package dev.pacer.alert.alerts;

import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.events.Severity;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Alerts: their state, evidence and history; acknowledging them; a live stream of their changes. */
@Path("/alerts")
@Tag(name = "Alerts", description = "Alerts raised by rules: pending → firing → resolved, with evidence and history")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** Changes held for a slow stream reader before it is cut off (it reconnects and reads the list). */
    private static final int STREAM_BUFFER = 1024;

    private final AlertService alerts;
    private final AlertStream stream;
    private final Caller caller;

    public AlertResource(AlertService alerts, AlertStream stream, Caller caller) {
        this.alerts = alerts;
        this.stream = stream;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List alerts", description = "Most recently changed first; only alerts whose subject belongs "
            + "to one of your departments (an admin sees all); follow `next` for more.")
    public Page<AlertView> list(
            @Parameter(description = "Only alerts in this state", schema = @Schema(implementation = AlertState.class))
            @QueryParam("state") String state,
            @Parameter(description = "Only alerts of this severity", schema = @Schema(implementation = Severity.class))
            @QueryParam("severity") String severity,
            @Parameter(description = "Only alerts of this department", example = "sales")
            @QueryParam("department") String department,
            @Parameter(description = "Only alerts of this rule") @QueryParam("ruleId") UUID ruleId,
            @Parameter(description = "Only alerts about this kind of subject", example = "goal")
            @QueryParam("subjectKind") String subjectKind,
            @Parameter(description = "Only alerts about this goal id or metric key", example = "g-2026-revenue")
            @QueryParam("subjectId") String subjectId,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return alerts.list(new AlertService.Filter(named(state, "state", AlertState.class),
                named(severity, "severity", Severity.class), text(department), Optional.ofNullable(ruleId),
                text(subjectKind), text(subjectId)), limit, cursor);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Stream alert changes", description = "Server-sent events, one `AlertStateChanged` (as on "
            + "`pacer.alerts`) per change from now on, limited to alerts of your departments (an admin gets all). "
            + "Read `GET /alerts` first for the current state.")
    @APIResponse(responseCode = "200", description = "An endless event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = AlertStateChanged.class)))
    public Multi<AlertStateChanged> stream() {
        boolean admin = caller.isAdmin();
        Set<String> mine = Set.copyOf(caller.departments());
        return stream.changes().filter(c -> admin || c.departments().stream().anyMatch(mine::contains))
                .onOverflow().buffer(STREAM_BUFFER);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Get an alert", description = "With its evidence and its full history, each change with its "
            + "reason.")
    @APIResponse(responseCode = "200", description = "The alert",
            content = @Content(schema = @Schema(implementation = AlertDetail.class)))
    public AlertDetail get(@Parameter(description = "Alert id", example = "3f1c0a9b8e7d6c5b4a39281706f5e4d3-1")
            @PathParam("id") String id) {
        return alerts.get(id);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER})
    @Operation(summary = "Acknowledge an alert", description = "Says you are on it (you, from your token, and a "
            + "note). Owners acknowledge: members of the subject's departments, or admins. Only a pending or firing "
            + "alert; acknowledging again keeps the first acknowledgement.")
    @APIResponse(responseCode = "200", description = "The alert, acknowledged",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "409", description = "The alert is resolved or over",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public AlertView acknowledge(@Parameter(description = "Alert id") @PathParam("id") String id,
            @Valid AcknowledgeRequest request) {
        return alerts.acknowledge(id, request == null ? null : request.note());
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static <E extends Enum<E>> Optional<E> named(String value, String field, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
