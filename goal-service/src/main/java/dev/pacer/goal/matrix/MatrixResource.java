package dev.pacer.goal.matrix;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The responsibility matrix, as JSON or CSV. */
@Path("/matrix")
@Tag(name = "Responsibility matrix", description = "Goals × departments × role (owner or contributor) × time window: "
        + "what does a department own, and when")
public class MatrixResource {
    /** The CSV media type, UTF-8. */
    public static final String CSV = "text/csv";

    private final MatrixService matrices;

    public MatrixResource(MatrixService matrices) {
        this.matrices = matrices;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "The responsibility matrix", description = "One row per goal and department (owner first, "
            + "then contributors), goals in tree order, of the goals you can read. `Accept: text/csv` answers CSV "
            + "in UTF-8 with a byte order mark, so that spreadsheet programs show Chinese titles as they are.")
    @APIResponse(responseCode = "200", description = "The matrix", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Matrix.class)),
        @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                example = "goal_id,parent_id,level,title,department,role,owner_person,period,window,from_quarter,"
                        + "to_quarter,status\r\n4e0c2a9d-…,9b2f6c1e-…,2,新增客户数,市场部,OWNER,zhang.wei,FY2026,Q1–Q4,"
                        + "Q1,Q4,ACTIVE\r\n")})
    public Response matrix(
            @Parameter(description = "Fiscal year (FY2026), or one of its quarters (FY2026-Q3)", required = true,
                    example = "FY2026") @QueryParam("period") String period,
            @Parameter(description = "Only this department's rows", example = "市场部")
            @QueryParam("department") String department,
            @Parameter(description = "Only goals measured in this quarter (Q1–Q4)", example = "Q3")
            @QueryParam("quarter") String quarter,
            @Context HttpHeaders headers) {
        Matrix matrix = matrices.matrix(period, department, quarter);
        if (wantsCsv(headers)) {
            byte[] body = ResponsibilityMatrix.csv(matrix.rows()).getBytes(StandardCharsets.UTF_8);
            return Response.ok(body, CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"matrix-" + matrix.period()
                            + (matrix.quarter() == null ? "" : "-" + matrix.quarter()) + ".csv\"").build();
        }
        return Response.ok(matrix, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** True when the caller prefers CSV to JSON (the first acceptable of the two, in the caller's order). */
    private static boolean wantsCsv(HttpHeaders headers) {
        return Csv.negotiate(headers, MediaType.APPLICATION_JSON_TYPE, MediaType.valueOf(CSV))
                .isCompatible(MediaType.valueOf(CSV));
    }
}
