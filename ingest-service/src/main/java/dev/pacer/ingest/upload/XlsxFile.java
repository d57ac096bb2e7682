package dev.pacer.ingest.upload;

import dev.pacer.platform.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An Excel workbook (.xlsx) read as an upload table, streaming: the sheet's XML is parsed with SAX straight from the
 * zip (never loaded as a workbook), through POI's hardened XML reader (no DTDs, no external entities) and its
 * {@link ZipSecureFile} checks against zip bombs. The first non-empty row of the sheet is the header; empty rows are
 * skipped; a blank cell is null. Cells keep their type: numbers as exact decimals the way Excel shows them (15
 * significant digits, so {@code 0.1} stays 0.1 and {@code 1.0E7} is 10000000), date-formatted numbers as
 * {@link LocalDate} (at midnight) or {@link LocalDateTime}, booleans as {@link Boolean}, text as text; a formula gives
 * its cached value.
 */
public final class XlsxFile {
    /** The media type of .xlsx files. */
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel keeps 15 significant digits; the digits beyond are binary noise of the stored double. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final String ENCODING = "UTF-8";

    private XlsxFile() {
    }

    /**
     * Sets POI's process-wide zip checks: the largest uncompressed part of a workbook, and the smallest compression
     * ratio accepted (POI's default, 1%: a part that inflates more is taken for a zip bomb).
     */
    public static void limitUnzippedSize(long maxEntryBytes) {
        ZipSecureFile.setMaxEntrySize(maxEntryBytes);
        ZipSecureFile.setMinInflateRatio(0.01);
    }

    /** Whether a file named so, sent with this media type, is to be read as XLSX. */
    public static boolean isXlsx(String mediaType, String fileName) {
        return mediaType != null && mediaType.toLowerCase(java.util.Locale.ROOT).startsWith(MEDIA_TYPE)
                || fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
    }

    /**
     * @param name    the file's name for messages ({@code the file} when unknown)
     * @param sheet   the sheet's name; null: the first sheet
     * @param maxRows most data rows accepted; more is a 413
     * @throws MalformedUploadException naming {@code file} (not an XLSX, encrypted, corrupt) or {@code sheet}
     */
    public static UploadTable read(byte[] content, String name, String sheet, int maxRows) {
        String file = name == null || name.isBlank() ? "the file" : "'" + name + "'";
        FileMagic magic = FileMagic.valueOf(Arrays.copyOf(content, Math.min(content.length, 8)));
        if (magic == FileMagic.OLE2) {
            throw new MalformedUploadException("file", file + " is encrypted (password protected) or an old .xls "
                    + "workbook; save it unprotected as .xlsx");
        }
        if (magic != FileMagic.OOXML) {
            throw new MalformedUploadException("file", file + " is not an XLSX workbook (it does not start as a zip "
                    + "archive); save it as .xlsx or upload it as CSV");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("pacer-upload-", ".xlsx");
            Files.write(temp, content);
            try (OPCPackage pkg = OPCPackage.open(temp.toFile(), PackageAccess.READ)) {
                return read(pkg, file, sheet, maxRows);
            }
        } catch (MalformedUploadException | ProblemException e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            throw new MalformedUploadException("file", file + " cannot be read as an XLSX workbook: " + reason(e));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file left behind is removed with the temp directory
                }
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        if (message.contains("Zip bomb") || message.contains("Zip Bomb")) {
            return "it inflates beyond the accepted size or ratio (zip bomb protection)";
        }
        int cut = message.indexOf('\n');
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private static UploadTable read(OPCPackage pkg, String file, String sheet, int maxRows)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        boolean date1904;
        try (InputStream workbook = reader.getWorkbookData()) {
            date1904 = isDate1904(workbook);
        }
        ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
        StylesTable styles = reader.getStylesTable();
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        List<String> names = new ArrayList<>();
        while (sheets.hasNext()) {
            try (InputStream data = sheets.next()) {
                String found = sheets.getSheetName();
                names.add(found);
                if (sheet == null || sheet.equals(found)) {
                    SheetHandler handler = new SheetHandler(file, strings, styles, date1904, maxRows);
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(handler);
                    parser.parse(new InputSource(data));
                    if (handler.header == null) {
                        throw new MalformedUploadException("file", "sheet '" + found + "' of " + file
                                + " is empty; it needs a header row and data rows");
                    }
                    return new UploadTable("XLSX", ENCODING, handler.header, handler.rows);
                }
            }
        }
        if (names.isEmpty()) {
            throw new MalformedUploadException("file", file + " has no sheets");
        }
        throw new MalformedUploadException("sheet", "the workbook " + file + " has no sheet '" + sheet
                + "'; its sheets are " + names);
    }

    private static boolean isDate1904(InputStream workbook) throws IOException, SAXException,
            ParserConfigurationException {
        boolean[] found = {false};
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                if ("workbookPr".equals(local(localName, qName))) {
                    String v = attributes.getValue("date1904");
                    found[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                }
            }
        });
        parser.parse(new InputSource(workbook));
        return found[0];
    }

    private static String local(String localName, String qName) {
        if (localName != null && !localName.isEmpty()) {
            return localName;
        }
        int colon = qName.indexOf(':');
        return colon < 0 ? qName : qName.substring(colon + 1);
    }

    /** The 0-based column of a cell reference such as {@code AB12}; -1 when it has no letters. */
    static int column(String ref) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return i == 0 ? -1 : col - 1;
    }

    /** The exact decimal of a number cell's stored text, as Excel shows it (15 significant digits, plain). */
    static BigDecimal number(String raw) {
        BigDecimal d = new BigDecimal(raw.strip()).round(EXCEL_DIGITS).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** A date-formatted number cell: a date at midnight, else a date and time (rounded to the second). */
    static Object date(double serial, boolean date1904) {
        LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, true);
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate() : t;
    }

    /** Text of a header cell. */
    private static String text(Object cell) {
        return cell == null ? "" : cell instanceof BigDecimal d ? d.toPlainString() : cell.toString().strip();
    }

    /** SAX over one worksheet's XML: {@code <row><c r="B2" t="s" s="3"><v>..</v></c></row>}. */
    private static final class SheetHandler extends DefaultHandler {
        private final String file;
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final boolean date1904;
        private final int maxRows;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();

        List<String> header;
        final List<UploadTable.Row> rows = new ArrayList<>();

        private final List<Object> cells = new ArrayList<>();
        private long rowNumber;
        private int nextColumn;
        private int cellColumn;
        private String cellType;
        private String cellStyle;
        private final StringBuilder value = new StringBuilder();
        private boolean hasValue;
        private boolean collecting;
        private boolean inInline;
        private boolean inPhonetic;

        SheetHandler(String file, ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904,
                int maxRows) {
            this.file = file;
            this.strings = strings;
            this.styles = styles;
            this.date1904 = date1904;
            this.maxRows = maxRows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (local(localName, qName)) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r != null ? Long.parseLong(r) : rowNumber + 1;
                    cells.clear();
                    nextColumn = 0;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    int col = ref != null ? column(ref) : -1;
                    cellColumn = col >= 0 ? col : nextColumn;
                    nextColumn = cellColumn + 1;
                    cellType = attributes.getValue("t");
                    cellStyle = attributes.getValue("s");
                    value.setLength(0);
                    hasValue = false;
                    inInline = false;
                }
                case "v" -> {
                    value.setLength(0);
                    collecting = true;
                }
                case "is" -> {
                    value.setLength(0);
                    inInline = true;
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> collecting = inInline && !inPhonetic;
                default -> {
                    // formulas (<f>) and everything else: only their cached values count
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collecting) {
                value.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (local(localName, qName)) {
                case "v" -> {
                    collecting = false;
                    hasValue = true;
                }
                case "t" -> {
                    if (collecting) {
                        hasValue = true;
                    }
                    collecting = false;
                }
                case "rPh" -> inPhonetic = false;
                case "is" -> inInline = false;
                case "c" -> {
                    Object cell = hasValue ? cell() : null;
                    while (cells.size() <= cellColumn) {
                        cells.add(null);
                    }
                    cells.set(cellColumn, cell);
                }
                case "row" -> row();
                default -> {
                    // nothing to do
                }
            }
        }

        private Object cell() {
            String raw = value.toString();
            String type = cellType == null ? "n" : cellType;
            return switch (type) {
                case "s" -> blankToNull(strings.getItemAt(Integer.parseInt(raw.strip())).getString());
                case "inlineStr", "str" -> blankToNull(raw);
                case "b" -> "1".equals(raw.strip()) || "true".equalsIgnoreCase(raw.strip());
                case "e" -> raw.strip(); // an error such as #DIV/0!: text the dataset's schema refuses unless STRING
                case "d" -> isoDate(raw.strip());
                default -> numeric(raw);
            };
        }

        private static Object blankToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        private static Object isoDate(String raw) {
            try {
                LocalDateTime t = LocalDateTime.parse(raw);
                return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate() : t;
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(raw);
                } catch (DateTimeParseException e) {
                    return raw;
                }
            }
        }

        private Object numeric(String raw) {
            if (raw.isBlank()) {
                return null;
            }
            try {
                if (isDateStyle()) {
                    return date(Double.parseDouble(raw.strip()), date1904);
                }
                return number(raw);
            } catch (NumberFormatException e) {
                return raw; // not a number after all: text for the schema to judge
            }
        }

        private boolean isDateStyle() {
            if (styles == null || cellStyle == null) {
                return false;
            }
            int index = Integer.parseInt(cellStyle);
            return dateStyles.computeIfAbsent(index, i -> {
                if (i >= styles.getNumCellStyles()) {
                    return false;
                }
                XSSFCellStyle style = styles.getStyleAt(i);
                if (style == null) {
                    return false;
                }
                short format = style.getDataFormat();
                String pattern = style.getDataFormatString();
                if (pattern == null) {
                    pattern = BuiltinFormats.getBuiltinFormat(format);
                }
                return pattern != null && DateUtil.isADateFormat(format, pattern);
            });
        }

        private void row() throws SAXException {
            int last = cells.size() - 1;
            while (last >= 0 && cells.get(last) == null) {
                last--;
            }
            if (last < 0) {
                return; // an empty row
            }
            if (header == null) {
                List<String> names = new ArrayList<>(last + 1);
                for (int i = 0; i <= last; i++) {
                    names.add(text(cells.get(i)));
                }
                try {
                    CsvFile.checkHeader(names);
                } catch (MalformedUploadException e) {
                    throw new MalformedUploadException(e.field(), file + ": " + e.getMessage());
                }
                header = List.copyOf(names);
                return;
            }
            if (rows.size() == maxRows) {
                throw new ProblemException(413, "upload-too-large", "Too many rows", file + " has more than "
                        + maxRows + " data rows; split it into several files");
            }
            Object[] row = new Object[Math.max(header.size(), last + 1)];
            for (int i = 0; i <= last; i++) {
                row[i] = cells.get(i);
            }
            rows.add(new UploadTable.Row(rows.size() + 1, rowNumber, row));
        }
    }
}
