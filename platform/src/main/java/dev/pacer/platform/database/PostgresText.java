package dev.pacer.platform.database;

/**
 * What PostgreSQL text can hold. A Java string can carry U+0000 and unpaired surrogates, which no PostgreSQL text can:
 * ingest-service refuses such a value at the door, and metric-service dead-letters a record that still carries one,
 * instead of failing a whole batch in the database.
 */
public final class PostgresText {
    private PostgresText() {
    }

    /** Whether PostgreSQL can hold the string as text: no NUL, and every surrogate in a high–low pair. */
    public static boolean canHold(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == 0) {
                return false;
            }
            if (Character.isSurrogate(ch)) {
                if (!Character.isHighSurrogate(ch) || i + 1 == s.length()
                        || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
