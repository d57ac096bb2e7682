package dev.pacer.alert.lifecycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert: a stable hash of the rule id and the subject (kind, id and dimensions, in key order).
 * The first 16 bytes of SHA-256 over length-prefixed UTF-8 fields, as 32 lower-case hex digits, so it is the same in
 * every JVM and run, does not depend on map order, and cannot be forged by moving separators between fields.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(String ruleId, AlertSubject subject) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
        field(sha, ruleId);
        field(sha, subject.kind());
        field(sha, subject.id());
        for (Map.Entry<String, String> d : new TreeMap<>(subject.dimensions()).entrySet()) {
            field(sha, d.getKey());
            field(sha, d.getValue());
        }
        byte[] digest = sha.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static void field(MessageDigest sha, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
