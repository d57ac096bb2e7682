package dev.pacer.ingest.push;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.platform.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the records of a pushed batch, exactly: numbers with a fraction or exponent become {@link java.math.BigDecimal}
 * (never a double), whole numbers Integer, Long or BigInteger. Malformed JSON is a 400 problem naming the line; more
 * records than allowed a 413. Whether each value is a valid record is the schema's business, not the reader's.
 */
public final class BatchReader {
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");
    private final ObjectMapper json;
    private final int maxRecords;

    /**
     * @param base the application's mapper; the reader works on a copy that reads floats as BigDecimal, refuses
     *             duplicate members
     */
    public BatchReader(ObjectMapper base, int maxRecords) {
        this.json = base.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.maxRecords = maxRecords;
    }

    /** The mapper records are read with (and that writes them back exactly, e.g. into the quarantine). */
    public ObjectMapper mapper() {
        return json;
    }

    public List<Object> read(BatchFormat format, byte[] body) {
        return format == BatchFormat.NDJSON ? readNdjson(body) : readArray(body);
    }

    private List<Object> readArray(byte[] body) {
        List<Object> records = new ArrayList<>();
        try (JsonParser p = json.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw malformed("The request body is empty; send a JSON array of records");
            }
            if (first != JsonToken.START_ARRAY) {
                throw malformed(where(p.currentTokenLocation()) + ": expected a JSON array of records, found "
                        + describe(first));
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw malformed(where(p.currentLocation()) + ": the array is not closed");
                }
                if (records.size() == maxRecords) {
                    throw tooMany();
                }
                records.add(json.readValue(p, Object.class));
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw malformed(where(p.currentTokenLocation()) + ": unexpected content after the array");
            }
        } catch (JsonProcessingException e) {
            throw malformed(where(e.getLocation()) + ": " + clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw malformed("The request body cannot be read: " + e.getMessage());
        }
        return records;
    }

    private List<Object> readNdjson(byte[] body) {
        List<Object> records = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            line++;
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && body[end - 1] == '\r') {
                end--;
            }
            if (!isBlank(body, start, end)) {
                if (records.size() == maxRecords) {
                    throw tooMany();
                }
                try (JsonParser p = json.createParser(body, start, end - start)) {
                    records.add(json.readValue(p, Object.class));
                    if (p.nextToken() != null) {
                        throw malformed("Line " + line + column(p.currentTokenLocation())
                                + " has content after its record; NDJSON takes one record per line");
                    }
                } catch (JsonProcessingException e) {
                    throw malformed("Line " + line + column(e.getLocation()) + " is not a JSON record: "
                            + clean(e.getOriginalMessage()));
                } catch (IOException e) {
                    throw malformed("Line " + line + " cannot be read: " + e.getMessage());
                }
            }
            start = next;
        }
        return records;
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "The request body";
        }
        return "Line " + at.getLineNr() + (at.getColumnNr() < 1 ? "" : ", column " + at.getColumnNr());
    }

    /** Jackson's message without its internal source descriptions ("[Source: REDACTED …; line: 1, column: 1]"). */
    static String clean(String message) {
        return message == null ? "" : SOURCE.matcher(message).replaceAll("line $1, column $2");
    }

    private static String column(JsonLocation at) {
        return at == null || at.getColumnNr() < 1 ? "" : ", column " + at.getColumnNr();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(400, "malformed-json", "Malformed JSON", detail);
    }

    private ProblemException tooMany() {
        return new ProblemException(413, "too-many-records", "Too many records",
                "The batch has more than " + maxRecords + " records; send at most " + maxRecords + " per request");
    }
}
