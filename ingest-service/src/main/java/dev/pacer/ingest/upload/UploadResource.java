package dev.pacer.ingest.upload;

import dev.pacer.ingest.mapping.MappingExpression;
import dev.pacer.ingest.mapping.TextConversions;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * File uploads: CSV exports from ERP, CRM or Excel, and Excel workbooks (.xlsx), checked row by row and published to
 * {@code pacer.records}.
 */
@Path("/uploads")
@Tag(name = "Uploads", description = "CSV files and Excel workbooks (.xlsx) of records, processed as background jobs")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String DESCRIPTION = "Reads the file at once (a file that cannot be read — wrong encoding, "
            + "broken quoting, no header — is a 400 naming the problem; over the size limit a 413), then processes it "
            + "in the background: each row is checked against the dataset's schema and the valid ones are published "
            + "to pacer.records keyed by dataset and primary key, so uploading a file again never double-counts. "
            + "Follow the job at the Location; each row's outcome is under /uploads/{id}/rows. A steward uploads "
            + "into datasets their departments own (403 otherwise); admins and integration callers into any. A job "
            + "interrupted by a restart ends FAILED: the file is not kept, so upload it again.\n\n"
            + "Header columns are matched to dataset fields by name (ignoring case); `map=field=Column` maps others "
            + "(e.g. Chinese headers). Columns that match no field are ignored. A value starting with `=` computes "
            + "the field with an expression over the row's columns, like a spreadsheet formula: "
            + "`map=unit_price==round(单价 * (1 - 折扣), 2)`, `map=region=='CN'`, `map=customer_id==upper(trim(客户))`, "
            + "`map=order_date==date(datum, 'dd.MM.yyyy')`, `map=gift==if(amount > 10000, true, false)`. "
            + MappingExpression.SYNTAX_HELP + " An expression that does not parse or reads a column the file lacks is a 400 "
            + "naming `mapping.<field>`; a row it cannot be evaluated on (a cell that is not a number, a division by "
            + "zero) fails with a reason naming the field and the cell. Try a mapping with POST /uploads/preview."
            + "\n\n"
            + "An Excel workbook (.xlsx) goes through the same job: the first non-empty row of the sheet (`sheet`, "
            + "default the first) is the header, empty rows are skipped, blank cells are no value. Number cells are "
            + "taken exactly as Excel shows them (15 significant digits: 0.1 stays 0.1), date cells as ISO dates or "
            + "timestamps, boolean cells as booleans, formulas by their cached values; `decimalComma`, `dateFormat` "
            + "and `timestampFormat` apply to text cells only, `encoding` and `delimiter` not at all. An encrypted "
            + "workbook, an old .xls or a file that is not an .xlsx is a 400 naming the file; a sheet with more rows "
            + "than the limit a 413.";
    private static final String XLSX_EXAMPLE = "A workbook whose first sheet starts with the header row: order_id, "
            + "product_id, customer_id, order_date, unit_price, quantity";

    private final UploadService uploads;

    public UploadResource(UploadService uploads) {
        this.uploads = uploads;
    }

    /** How to read the file (query parameters of both upload forms). */
    public static class Options {
        @Parameter(description = "Key of the dataset the rows belong to", required = true, example = "orders")
        @QueryParam("dataset")
        String dataset;
        @Parameter(description = "auto (UTF-8 with or without BOM if valid, else GB18030), UTF-8, GBK or GB18030",
                example = "GBK")
        @QueryParam("encoding")
        @DefaultValue("auto")
        String encoding;
        @Parameter(description = "Cell delimiter: one character, or `tab`", example = ";")
        @QueryParam("delimiter")
        @DefaultValue(",")
        String delimiter;
        @Parameter(description = "Maps a header column to a field: `field=Column`, or computes the field with an "
                + "expression over the row's columns: `field==expression` (e.g. `unit_price==round(单价 * (1 - 折扣), "
                + "2)`, `region=='CN'`, `customer_id==upper(trim(客户))`); repeat for more", examples = {
                    @ExampleObject(name = "a column", value = "order_id=订单号"),
                    @ExampleObject(name = "an expression", value = "unit_price==round(\"Unit Price\" * (1 - rebate), 2)"),
                    @ExampleObject(name = "a constant", value = "ship_country=='CN'")})
        @QueryParam("map")
        List<String> map;
        @Parameter(description = "Decimals are written with a comma (1.234,50)")
        @QueryParam("decimalComma")
        @DefaultValue("false")
        boolean decimalComma;
        @Parameter(description = "Pattern of DATE cells (default ISO yyyy-MM-dd)", example = "dd.MM.yyyy")
        @QueryParam("dateFormat")
        String dateFormat;
        @Parameter(description = "Pattern of TIMESTAMP cells without offset (default ISO-8601)",
                example = "yyyy/M/d H:mm")
        @QueryParam("timestampFormat")
        String timestampFormat;
        @Parameter(description = "Zone of timestamps without offset (default: the service's zone)",
                example = "Asia/Shanghai")
        @QueryParam("timeZone")
        String timeZone;
        @Parameter(description = "The file's name, for the record", example = "orders_2024.csv")
        @QueryParam("fileName")
        String fileName;
        @Parameter(description = "XLSX only: the name of the sheet to read (default: the first sheet)",
                example = "Orders")
        @QueryParam("sheet")
        String sheet;

        UploadService.Request toRequest(String name, boolean xlsx) {
            if (dataset == null || dataset.isBlank()) {
                throw ProblemException.invalid("dataset", "is required: the key of the dataset the rows belong to");
            }
            if (sheet != null && sheet.isBlank()) {
                throw ProblemException.invalid("sheet", "must name a sheet of the workbook, or be left out");
            }
            return new UploadService.Request(dataset, name != null ? name : fileName, encoding, delimiter(), mapping(),
                    conversions(), xlsx, sheet);
        }

        private char delimiter() {
            if ("tab".equalsIgnoreCase(delimiter) || "\\t".equals(delimiter)) {
                return '\t';
            }
            if (delimiter.length() != 1) {
                throw ProblemException.invalid("delimiter", "must be one character or 'tab', not '" + delimiter + "'");
            }
            return delimiter.charAt(0);
        }

        private Map<String, String> mapping() {
            Map<String, String> mapping = new LinkedHashMap<>();
            for (String entry : map == null ? List.<String>of() : map) {
                int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw ProblemException.invalid("map", "must be field=Column or field==expression, not '" + entry
                            + "'");
                }
                if (mapping.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip()) != null) {
                    throw ProblemException.invalid("map", "maps field '" + entry.substring(0, eq) + "' twice");
                }
            }
            return mapping;
        }

        private TextConversions conversions() {
            ZoneId zone = null;
            if (timeZone != null) {
                try {
                    zone = ZoneId.of(timeZone);
                } catch (DateTimeException e) {
                    throw ProblemException.invalid("timeZone", "is not a time zone such as Asia/Shanghai: " + timeZone);
                }
            }
            try {
                return new TextConversions(decimalComma, dateFormat, timestampFormat, zone);
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().startsWith("dateFormat") ? "dateFormat" : "timestampFormat";
                throw ProblemException.invalid(field, e.getMessage().substring(field.length() + 1));
            }
        }
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Upload a CSV file (raw body)", description = DESCRIPTION)
    @APIResponse(responseCode = "202", description = "Accepted; the job runs in the background",
            headers = @Header(name = "Location", description = "URL of the job"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Upload.class)))
    @APIResponse(responseCode = "404", description = "The dataset is not in the catalog",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "The file is over the size limit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response upload(@BeanParam Options options,
            @RequestBody(required = true, description = "The CSV file: a header line, then data rows",
                    content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            example = "order_id,product_id,customer_id,order_date,unit_price,quantity\n"
                                    + "10248,11,VINET,1996-07-04,14.00,12")))
            byte[] body, @Context UriInfo uri) {
        return accepted(uploads.accept(options.toRequest(null, false), body), uri);
    }

    @POST
    @Consumes(XlsxFile.MEDIA_TYPE)
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Upload an Excel workbook (.xlsx, raw body)", description = DESCRIPTION)
    @APIResponse(responseCode = "202", description = "Accepted; the job runs in the background",
            headers = @Header(name = "Location", description = "URL of the job"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Upload.class)))
    @APIResponse(responseCode = "400", description = "Not an .xlsx workbook (encrypted, an old .xls, corrupt), no "
            + "such sheet, or a header without names; the problem names the file",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "404", description = "The dataset is not in the catalog",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "The file is over the size limit, or its sheet over the row limit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response uploadXlsx(@BeanParam Options options,
            @RequestBody(required = true, description = XLSX_EXAMPLE, content = @Content(
                    mediaType = XlsxFile.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
            byte[] body, @Context UriInfo uri) {
        return accepted(uploads.accept(options.toRequest(null, true), body), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Upload a CSV file or an Excel workbook (multipart form, part `file`)",
            description = DESCRIPTION + "\n\nThe part is read as XLSX when its content type is "
                    + XlsxFile.MEDIA_TYPE + " or its file name ends in .xlsx; as CSV otherwise.")
    @APIResponse(responseCode = "202", description = "Accepted; the job runs in the background",
            headers = @Header(name = "Location", description = "URL of the job"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Upload.class)))
    @APIResponse(responseCode = "400", description = "The file cannot be read (encoding, quoting, not an .xlsx, no "
            + "such sheet); the problem names the field and the file",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "404", description = "The dataset is not in the catalog",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "The file is over the size limit, or its sheet over the row limit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response uploadForm(@BeanParam Options options,
            @Parameter(description = "The CSV file or .xlsx workbook") @RestForm("file") FileUpload file,
            @Context UriInfo uri) {
        if (file == null) {
            throw ProblemException.invalid("file", "is required: send the CSV or .xlsx file as the form part 'file'");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file", e);
        }
        boolean xlsx = XlsxFile.isXlsx(file.contentType(), file.fileName());
        return accepted(uploads.accept(options.toRequest(file.fileName(), xlsx), content), uri);
    }

    @POST
    @Path("/preview")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, XlsxFile.MEDIA_TYPE})
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Preview a file's first rows as an upload would map them",
            description = "Reads the file as POST /uploads does (the same parameters; an .xlsx body by its content "
                    + "type " + XlsxFile.MEDIA_TYPE + "), maps the first rows (expressions included) and checks them "
                    + "against the dataset's schema, showing each row's record and errors. Nothing is stored or "
                    + "published. A file or mapping that cannot be read is a 400 naming the field, e.g. "
                    + "`mapping.unit_price` with the expression's error and column.")
    @APIResponse(responseCode = "200", description = "The first rows, mapped and checked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UploadPreview.class)))
    @APIResponse(responseCode = "404", description = "The dataset is not in the catalog",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "The file is over the size limit, or its sheet over the row limit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public UploadPreview preview(@BeanParam Options options,
            @Parameter(description = "How many rows to show (1–100)") @QueryParam("limit") @DefaultValue("20")
            @Min(1) @Max(100) int limit,
            @HeaderParam("Content-Type") String contentType,
            @RequestBody(required = true, description = "The CSV file or .xlsx workbook", content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                        example = "order_id,product_id,price,quantity\n10248,11,14.00,12")),
                @Content(mediaType = XlsxFile.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                        format = "binary"))})
            byte[] body) {
        boolean xlsx = XlsxFile.isXlsx(contentType, options.fileName);
        return uploads.preview(options.toRequest(null, xlsx), body, limit);
    }

    private static Response accepted(Upload upload, UriInfo uri) {
        return Response.accepted(upload).type(MediaType.APPLICATION_JSON)
                .location(uri.getBaseUriBuilder().path("uploads").path(upload.id().toString()).build()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Get an upload job", description = "Only admins and the uploader, while in the department "
            + "that owns the dataset, see it.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = Upload.class)))
    public Upload get(@PathParam("id") UUID id) {
        return uploads.get(id);
    }

    @GET
    @Path("/{id}/rows")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The outcome of each row", description = "In row order; follow `next` for more.")
    public Page<UploadRow> rows(@PathParam("id") UUID id,
            @Parameter(description = "Only rows with this outcome", schema = @Schema(enumeration = {"SUCCEEDED",
                "FAILED"}))
            @QueryParam("status") String status,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("100") @Min(1)
            @Max(500) int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        Boolean succeeded = null;
        if (status != null) {
            switch (status) {
                case "SUCCEEDED" -> succeeded = true;
                case "FAILED" -> succeeded = false;
                default -> throw ProblemException.invalid("status", "must be SUCCEEDED or FAILED, not '" + status + "'");
            }
        }
        return uploads.rows(id, succeeded, limit, cursor);
    }
}
