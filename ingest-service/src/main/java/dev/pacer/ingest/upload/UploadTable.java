package dev.pacer.ingest.upload;

import java.util.List;

/**
 * An uploaded file as rows, whatever its format: what the upload job maps, checks and publishes. Both readers
 * ({@link CsvFile}, {@link XlsxFile}) produce one.
 *
 * @param format   {@code CSV} or {@code XLSX}
 * @param encoding the text encoding the file was read with
 * @param header   the header row's column names
 * @param rows     the data rows, in file order
 */
public record UploadTable(String format, String encoding, List<String> header, List<Row> rows) {

    /**
     * A data row: its 1-based number (the header and skipped empty rows are not counted), the file line (CSV) or
     * sheet row (XLSX) it starts on, and its cells by 0-based column: text from a CSV; from an XLSX also
     * {@link java.math.BigDecimal}, {@link Boolean}, {@link java.time.LocalDate} or {@link java.time.LocalDateTime},
     * and null for a blank cell.
     */
    public record Row(int number, long line, Object[] cells) {
    }
}
