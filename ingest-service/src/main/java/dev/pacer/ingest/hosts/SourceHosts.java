package dev.pacer.ingest.hosts;

import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.jdbc.JdbcUrls;
import dev.pacer.ingest.jdbc.SourceFailure;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps pull sources to the hosts of {@code PACER_INGEST_SOURCE_HOSTS} (see {@link HostAllowList}), against
 * server-side request forgery: a steward must not make the service call its own database, a cloud metadata endpoint
 * or any other internal address. JDBC URLs and HTTP source URLs are checked when a source is saved or previewed (a
 * 400 naming the field) and again whenever the service connects (run, connection test, preview, every page of an
 * HTTP run), since a name may resolve elsewhere by then. A list with an invalid entry stops the service at start-up.
 */
@Startup
@ApplicationScoped
public class SourceHosts {
    private static final Logger LOG = Logger.getLogger(SourceHosts.class);

    private final HostAllowList allowed;
    private final HostAllowList.Resolver resolver;

    @Inject
    public SourceHosts(IngestConfig config) {
        this(HostAllowList.parse(config.sources().allowedHosts().orElse(null)), HostAllowList.DNS);
        if (!allowed.allowsAny()) {
            LOG.infof("Pull sources may connect only to the hosts of %s", HostAllowList.VARIABLE);
        }
    }

    /** A check by the given list and resolver (tests). */
    public SourceHosts(HostAllowList allowed, HostAllowList.Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /**
     * @return null when every host of the JDBC URL is allowed, otherwise why not (completing "url …")
     */
    public String jdbcUrlProblem(String url) {
        if (allowed.allowsAny()) {
            return null;
        }
        List<String> hosts = JdbcUrls.hosts(url);
        if (hosts == null) {
            return "must be a jdbc:postgresql: URL while " + HostAllowList.VARIABLE + " restricts the hosts sources "
                    + "may connect to (the hosts of other URLs cannot be checked)";
        }
        for (String host : hosts) {
            String problem = allowed.problem(host, resolver);
            if (problem != null) {
                return "names host '" + host + "', which " + problem;
            }
        }
        return null;
    }

    /**
     * @return null when the host of the HTTP URL is allowed, otherwise why not (completing "url …")
     */
    public String httpUrlProblem(String url) {
        if (allowed.allowsAny()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "is not a valid URL";
        }
        return uriProblem(uri);
    }

    private String uriProblem(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return "names no host that can be checked against " + HostAllowList.VARIABLE;
        }
        String problem = allowed.problem(host, resolver);
        return problem == null ? null : "names host '" + host + "', which " + problem;
    }

    /**
     * Before connecting to a JDBC source.
     *
     * @throws SourceFailure when a host of the URL is not allowed (now)
     */
    public void requireJdbc(String url) {
        String problem = jdbcUrlProblem(url);
        if (problem != null) {
            LOG.infof("Refused to connect to a JDBC source: url %s", problem);
            throw new SourceFailure("Not connected: the JDBC url " + problem + ". Nothing was read");
        }
    }

    /**
     * Before every request to an HTTP source (the first page and each next one, which a Link header may put on
     * another host).
     *
     * @throws SourceFailure when the host of the URI is not allowed (now)
     */
    public void requireHttp(URI uri) {
        if (allowed.allowsAny()) {
            return;
        }
        String problem = uriProblem(uri);
        if (problem != null) {
            LOG.infof("Refused to call an HTTP source: url %s", problem);
            throw new SourceFailure("Not requested: the URL " + problem + ". Nothing more was read");
        }
    }
}
