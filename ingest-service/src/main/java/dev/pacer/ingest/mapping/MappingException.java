package dev.pacer.ingest.mapping;

/**
 * A mapping that cannot be used: an entry names a field the dataset lacks, a column the source does not return, a
 * malformed path or an expression that does not parse. The message names the entry; {@link #field()} is the dataset
 * field whose entry is wrong, for a problem naming {@code mapping.<field>}.
 */
public class MappingException extends IllegalArgumentException {
    private final String field;

    public MappingException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The dataset field whose mapping entry is wrong. */
    public String field() {
        return field;
    }

    /** The request property of the entry: {@code mapping.<field>}. */
    public String property() {
        return "mapping." + field;
    }
}
