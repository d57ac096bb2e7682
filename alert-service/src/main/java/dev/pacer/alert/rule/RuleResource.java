package dev.pacer.alert.rule;

import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.rest.ETags;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alert rules: what is watched, how, and how severe its alerts are. */
@Path("/rules")
@Tag(name = "Rules", description = "Alert rules: goal pace, forecast miss, metric threshold, period change, anomaly "
        + "and staleness, scoped to a metric, a goal, a goal subtree or a department")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {
    static final String EXAMPLE = """
            {
              "name": "RevenueBehindPace",
              "kind": "GOAL_PACE",
              "parameters": {"worseThan": "ON_TRACK", "evaluations": 2},
              "scope": {"type": "GOAL_SUBTREE", "key": "g-2026-revenue"},
              "departments": ["sales"],
              "severity": "CRITICAL",
              "labels": {"team": "emea"},
              "pendingFor": "PT10M",
              "keepFiringFor": "PT5M"
            }""";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Create a rule", description = "Each kind takes its own parameters; a parameter of another "
            + "kind, a missing required one or an impossible value is a 400 naming `parameters.<name>`. A manager "
            + "may only name their own departments.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RuleDefinition.class),
            examples = @ExampleObject(name = "revenue-pace", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "URL of the new rule"),
                @Header(name = "ETag", description = "Its version, for If-Match")},
            content = @Content(schema = @Schema(implementation = RuleView.class)))
    public Response create(@Valid @NotNull RuleDefinition definition, @Context UriInfo uri) {
        RuleView created = rules.create(definition);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List rules", description = "Sorted by name, limited to rules of your departments (an admin "
            + "sees all); follow `next` for more.")
    public Page<RuleView> list(
            @Parameter(description = "Only rules owned by this department", example = "sales")
            @QueryParam("department") String department,
            @Parameter(description = "Only rules of this kind", example = "GOAL_PACE",
                    schema = @Schema(implementation = RuleKind.class)) @QueryParam("kind") String kind,
            @Parameter(description = "Only enabled (true) or disabled (false) rules",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("enabled") String enabled,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return rules.list(Optional.ofNullable(department).filter(d -> !d.isBlank()), kind(kind), flag(enabled),
                limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Get a rule")
    @APIResponse(responseCode = "200", description = "The rule",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(schema = @Schema(implementation = RuleView.class)))
    public Response get(@Parameter(description = "Rule id") @PathParam("id") UUID id) {
        RuleView r = rules.get(id);
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Replace a rule", description = "Send the whole definition and the ETag you read in "
            + "If-Match; a stale version gets 412. Alerts already raised keep their history.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RuleDefinition.class),
            examples = @ExampleObject(name = "revenue-pace", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The rule, at its new version",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "412", description = "The rule changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response update(@Parameter(description = "Rule id") @PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you changed", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull RuleDefinition definition) {
        RuleView r = rules.update(id, ETags.requiredVersion(ifMatch), definition);
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Delete a rule", description = "It raises nothing from then on; its alerts stay readable. "
            + "With If-Match, only if it is still at that version.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "412", description = "The rule changed since you read it (If-Match sent)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response delete(@Parameter(description = "Rule id") @PathParam("id") UUID id,
            @Parameter(description = "Optionally, the ETag you read", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Optional<Integer> version = ifMatch == null || ifMatch.isBlank() ? Optional.empty()
                : Optional.of(ETags.requiredVersion(ifMatch));
        rules.delete(id, version);
        return Response.noContent().build();
    }

    private static Optional<RuleKind> kind(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RuleKind.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be one of " + java.util.Arrays.toString(RuleKind.values()));
        }
    }

    private static Optional<Boolean> flag(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ProblemException.invalid("enabled", "must be true or false");
        };
    }
}
