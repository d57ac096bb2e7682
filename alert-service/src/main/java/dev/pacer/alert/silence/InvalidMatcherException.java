package dev.pacer.alert.silence;

/** A matcher that cannot be built; {@link #part()} says which of its fields is wrong. */
public class InvalidMatcherException extends IllegalArgumentException {
    /** The field of a matcher a problem is about. */
    public enum Part {
        NAME("name"), OPERATOR("operator"), VALUE("value");

        private final String field;

        Part(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final Part part;

    public InvalidMatcherException(Part part, String message) {
        super(message);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
