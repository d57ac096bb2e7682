package dev.pacer.goal.scorecard;

import dev.pacer.goal.matrix.Csv;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scorecards (计分卡) of departments and persons, as JSON or CSV. */
@Path("/scorecards")
@Tag(name = "Scorecards", description = "Weighted base/challenge scoring of the goals a department or a person owns "
        + "for a period")
public class ScorecardResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final ScorecardService scorecards;

    public ScorecardResource(ScorecardService scorecards) {
        this.scorecards = scorecards;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "A department's or a person's scorecard", description = "The active and closed goals the "
            + "department (or person) owns whose period is the one asked, each scored from its current progress "
            + "(base reached = base score, challenge reached = challenge score, linear between, capped; configured "
            + "by `pacer.goal.scoring.*`), and their weighted mean over the goals that have data. A department's "
            + "card is readable within that department; a person's card lists the goals you may read. "
            + "`Accept: text/csv` answers CSV in UTF-8 with a byte order mark and a closing TOTAL line.")
    @APIResponse(responseCode = "200", description = "The scorecard", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScorecardView.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                example = "goal_id,title,owner_department,owner_person,weight,direction,actual,base_target,"
                        + "challenge_target,status,score\r\n4e0c2a9d-…,新增客户数,市场部,zhang.wei,60,HIGHER_IS_BETTER,"
                        + "1250,1200,1500,ON_TRACK,103.33\r\nTOTAL,市场部,,,100,,,,,,103.33\r\n")})
    @APIResponse(responseCode = "403", description = "The department is not among those your token lists",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response scorecard(
            @Parameter(description = "Fiscal year (FY2026) or one of its quarters (FY2026-Q3)", required = true,
                    example = "FY2026") @QueryParam("period") String period,
            @Parameter(description = "The department scored (give this or `person`)", example = "市场部")
            @QueryParam("department") String department,
            @Parameter(description = "The person scored, as goals name their owner (give this or `department`)",
                    example = "zhang.wei") @QueryParam("person") String person,
            @Context HttpHeaders headers) {
        ScorecardView card = scorecards.scorecard(period, department, person);
        MediaType csv = MediaType.valueOf(Csv.MEDIA_TYPE);
        if (Csv.negotiate(headers, MediaType.APPLICATION_JSON_TYPE, csv) == csv) {
            return Response.ok(card.csv().getBytes(StandardCharsets.UTF_8), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"scorecard-" + card.period() + ".csv\"")
                    .build();
        }
        return Response.ok(card, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
