package dev.pacer.ingest.upload;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as Excel and ERP exports write them (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes):
 * decoded strictly (UTF-8 with or without BOM, GBK/GB18030 as Chinese Excel saves them; a byte that is not valid in
 * the encoding is an error, never a silent replacement character), a header line, then data rows.
 */
public final class CsvFile {
    /** Encodings accepted; {@code auto} is UTF-8 (BOM or not) when the bytes are valid UTF-8, else GB18030. */
    public static final Set<String> ENCODINGS = Set.of("auto", "UTF-8", "GBK", "GB18030");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvFile() {
    }

    /**
     * @param encoding one of {@link #ENCODINGS} (case-insensitive)
     * @throws MalformedUploadException naming {@code encoding} or {@code file} when the file cannot be read
     */
    public static UploadTable read(byte[] content, String encoding, char delimiter) {
        String chosen = encoding == null ? "auto" : encoding;
        String text;
        String used;
        if (chosen.equalsIgnoreCase("auto")) {
            if (startsWithBom(content)) {
                used = "UTF-8";
                text = decode(content, UTF8_BOM.length, StandardCharsets.UTF_8, "UTF-8");
            } else {
                String utf8 = tryDecode(content, 0, StandardCharsets.UTF_8);
                used = utf8 != null ? "UTF-8" : "GB18030";
                text = utf8 != null ? utf8 : decode(content, 0, Charset.forName("GB18030"), "GB18030 (tried as UTF-8 first)");
            }
        } else {
            used = ENCODINGS.stream().filter(e -> e.equalsIgnoreCase(chosen)).findFirst().orElseThrow(() ->
                    new MalformedUploadException("encoding", "must be one of auto, UTF-8, GBK, GB18030, not '" + chosen
                            + "'"));
            Charset cs = charset(used);
            int skip = used.equals("UTF-8") && startsWithBom(content) ? UTF8_BOM.length : 0;
            text = decode(content, skip, cs, used);
        }
        return parse(text, delimiter, used);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalStateException("This JVM lacks the " + name + " charset", e);
        }
    }

    private static boolean startsWithBom(byte[] content) {
        return content.length >= 3 && content[0] == UTF8_BOM[0] && content[1] == UTF8_BOM[1] && content[2] == UTF8_BOM[2];
    }

    private static CharsetDecoder strict(Charset cs) {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String tryDecode(byte[] content, int offset, Charset cs) {
        try {
            return strict(cs).decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String decode(byte[] content, int offset, Charset cs, String what) {
        ByteBuffer in = ByteBuffer.wrap(content, offset, content.length - offset);
        try {
            CharBuffer out = strict(cs).decode(in);
            return out.toString();
        } catch (MalformedInputException e) {
            throw new MalformedUploadException("encoding", "the file is not valid " + what + ": byte "
                    + (in.position() + offset) + " cannot be decoded; name the file's encoding (UTF-8, GBK or GB18030)");
        } catch (CharacterCodingException e) {
            throw new MalformedUploadException("encoding", "the file is not valid " + what + " near byte "
                    + (in.position() + offset) + "; name the file's encoding (UTF-8, GBK or GB18030)");
        }
    }

    static UploadTable parse(String text, char delimiter, String encoding) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new MalformedUploadException("delimiter", "cannot be a quote or a line break");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        List<String> header = null;
        List<UploadTable.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            long line = 1;
            for (CSVRecord record : parser) {
                String[] cells = record.values();
                if (header == null) {
                    header = List.of(cells).stream().map(String::strip).toList();
                    checkHeader(header);
                } else {
                    rows.add(new UploadTable.Row(rows.size() + 1, line, cells));
                }
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (UncheckedIOException | IOException | IllegalStateException e) {
            String message = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage()
                    : e.getMessage();
            throw new MalformedUploadException("file", "malformed CSV: " + message);
        }
        if (header == null) {
            throw new MalformedUploadException("file", "the file is empty; it needs a header line and data rows");
        }
        return new UploadTable("CSV", encoding, header, rows);
    }

    /** Refuses a header with a column without name, or a name twice (ignoring case). */
    static void checkHeader(List<String> header) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new MalformedUploadException("file", "header column " + (i + 1) + " has no name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new MalformedUploadException("file", "header column '" + name + "' appears twice");
            }
        }
    }
}
