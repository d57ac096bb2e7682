package dev.pacer.ingest.jdbc;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which JDBC URLs a source may use: a {@code jdbc:} URL without the driver parameters that make a driver load and run
 * a class or write a file named in the URL (PostgreSQL's {@code socketFactory}, {@code sslfactory}, … — the way
 * CVE-2022-21724 turned a connection string into code execution).
 */
public final class JdbcUrls {
    private static final Set<String> CLASS_OR_FILE_PARAMETERS = Set.of("socketfactory", "socketfactoryarg",
            "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
            "loggerfile", "loggerlevel", "sslkey", "sslcert", "sslrootcert", "jaasapplicationname", "gsslib",
            "init", "allowloadlocalinfile", "allowurlinlocalinfile", "autodeserialize", "queryinterceptors",
            "statementinterceptors", "connectionlifecycleinterceptors", "exceptioninterceptors");
    private static final Pattern PARAMETER = Pattern.compile("[?&;]\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*=");
    private static final int MAX_LENGTH = 2000;

    private JdbcUrls() {
    }

    /**
     * @return null when the URL is acceptable, otherwise why not (completing "url …")
     */
    public static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "must be a JDBC URL, e.g. jdbc:postgresql://erp.example.com:5432/erp";
        }
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (!url.startsWith("jdbc:") || url.chars().anyMatch(c -> c < 0x20)) {
            return "must be a JDBC URL starting with jdbc:, e.g. jdbc:postgresql://erp.example.com:5432/erp";
        }
        var m = PARAMETER.matcher(url);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (CLASS_OR_FILE_PARAMETERS.contains(name)) {
                return "must not set the driver parameter '" + m.group(1) + "', which loads classes or files named in "
                        + "the URL";
            }
        }
        return null;
    }

    /**
     * The hosts a JDBC URL makes the driver connect to, as PostgreSQL's driver reads the URL: every host of a
     * multi-host URL, {@code localhost} when the URL names none, and a host given as the {@code host} parameter
     * (which wins over the one before the path).
     *
     * @return the hosts, or null when the URL is not one PostgreSQL's driver can read
     */
    public static List<String> hosts(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        Properties parsed = org.postgresql.Driver.parseURL(url, null);
        if (parsed == null) {
            return null;
        }
        String hosts = parsed.getProperty("PGHOST", "");
        return Arrays.stream(hosts.split(",", -1)).map(h -> h.isBlank() ? "localhost" : h.trim()).toList();
    }
}
