package dev.pacer.ingest.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostAllowListTest {
    /** A resolver that knows a few names. */
    private static final HostAllowList.Resolver DNS = name -> {
        Map<String, String[]> known = Map.of(
                "db.internal", new String[] {"10.20.3.4"},
                "split.internal", new String[] {"10.20.3.5", "192.168.1.1"},
                "metadata.attacker.test", new String[] {"169.254.169.254"},
                "v6.internal", new String[] {"fd00::12"});
        String[] found = known.get(name);
        if (found == null) {
            throw new UnknownHostException(name);
        }
        InetAddress[] addresses = new InetAddress[found.length];
        for (int i = 0; i < found.length; i++) {
            addresses[i] = HostNames.address(found[i]);
        }
        return addresses;
    };

    private static String problem(String list, String host) {
        return HostAllowList.parse(list).problem(host, DNS);
    }

    @Test
    void anEmptyListAllowsEveryHost() {
        assertThat(HostAllowList.parse(null).allowsAny()).isTrue();
        assertThat(HostAllowList.parse(" , ").allowsAny()).isTrue();
        assertThat(problem("", "169.254.169.254")).isNull();
        assertThat(problem("", "anything at all")).isNull();
    }

    @Test
    void namesMatchExactlyIgnoringCaseAndATrailingDot() {
        assertThat(problem("erp.example.com", "erp.example.com")).isNull();
        assertThat(problem("erp.example.com", "ERP.Example.COM")).isNull();
        assertThat(problem("erp.example.com", "erp.example.com.")).isNull();
        assertThat(problem("ERP.example.com.", "erp.example.com")).isNull();
        assertThat(problem("erp.example.com", "erp.example.com.evil.test")).contains("not among the hosts");
        assertThat(problem("erp.example.com", "xerp.example.com")).contains("not among the hosts");
        assertThat(problem("erp.example.com", "crm.example.com")).contains("PACER_INGEST_SOURCE_HOSTS");
    }

    @Test
    void aWildcardMatchesNamesBelowItsDomainOnly() {
        assertThat(problem("*.example.com", "crm.example.com")).isNull();
        assertThat(problem("*.example.com", "a.b.Example.com.")).isNull();
        assertThat(problem("*.example.com", "example.com")).isNotNull();
        assertThat(problem("*.example.com", "evilexample.com")).isNotNull();
        assertThat(problem("*.example.com", "example.com.evil.test")).isNotNull();
    }

    @Test
    void ipv4LiteralsMatchAddressesAndRanges() {
        assertThat(problem("10.20.0.0/16", "10.20.255.1")).isNull();
        assertThat(problem("10.20.0.0/16", "10.21.0.1")).isNotNull();
        assertThat(problem("10.20.3.4", "10.20.3.4")).isNull();
        assertThat(problem("10.20.3.4", "10.20.3.5")).isNotNull();
        assertThat(problem("10.20.3.4/16", "10.20.99.99")).as("bits past the prefix are ignored").isNull();
        assertThat(problem("0.0.0.0/0", "8.8.8.8")).isNull();
        assertThat(problem("*.example.com", "10.20.3.4")).as("an address is not a name").isNotNull();
    }

    @Test
    void ipv6LiteralsMatchV6RangesOnly() {
        assertThat(problem("fd00::/8", "[fd00::1]")).isNull();
        assertThat(problem("fd00::/8", "[FD12:3456::1]")).isNull();
        assertThat(problem("fd00::/8", "[fe80::1]")).isNotNull();
        assertThat(problem("[::1]", "[::1]")).isNull();
        assertThat(problem("::/0", "10.0.0.1")).as("a v6 range holds no v4 address").isNotNull();
        assertThat(problem("10.0.0.0/8", "[::ffff:10.0.0.1]")).as("IPv4-mapped counts as IPv4").isNull();
        assertThat(problem("fd00::/8", "[fd00::1%eth0]")).as("zone ids are refused").contains("not a plain host");
    }

    @Test
    void aNameIsAllowedByRangesOnlyWhenEveryAddressItResolvesToIsInThem() {
        assertThat(problem("10.20.0.0/16", "db.internal")).isNull();
        assertThat(problem("10.20.0.0/16", "split.internal")).contains("resolves to an address outside");
        assertThat(problem("10.20.0.0/16", "metadata.attacker.test")).contains("resolves to an address outside")
                .doesNotContain("169.254");
        assertThat(problem("10.20.0.0/16", "nowhere.internal")).contains("cannot be resolved");
        assertThat(problem("fd00::/8", "v6.internal")).isNull();
        assertThat(problem("erp.example.com", "db.internal")).as("no ranges: names only").contains("not among");
    }

    @Test
    void junkHostsAreRefusedWheneverAListIsSet() {
        for (String junk : new String[] {"ехample.com", "erp。example。com", "erp%2eexample.com", "2130706433",
                "0x7f.1", "127.1", "127.0.0.01", "-erp.example.com", "erp..example.com", "erp example.com", "",
                "xn--e1afmkfd.xn--p1ai/x"}) {
            assertThat(problem("*.example.com, 0.0.0.0/0", junk)).as(junk).contains("not a plain host name");
        }
        assertThat(problem("*.xn--p1ai", "xn--e1afmkfd.xn--p1ai")).as("punycode is a plain name").isNull();
    }

    @Test
    void theReasonNamesNoEntryOfTheList() {
        assertThat(problem("secret-db.internal, 10.99.0.0/16", "erp.example.com"))
                .doesNotContain("secret-db").doesNotContain("10.99");
    }

    @Test
    void invalidEntriesAreRefusedNamingEachOne() {
        assertThatThrownBy(() -> HostAllowList.parse("erp.example.com, *, 10.0.0.0/33, *.10.0.0.1, exämple.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[*, 10.0.0.0/33, *.10.0.0.1, exämple.com]");
        assertThatThrownBy(() -> HostAllowList.parse("fd00::/129")).hasMessageContaining("fd00::/129");
        assertThatThrownBy(() -> HostAllowList.parse("a.*.example.com")).hasMessageContaining("a.*.example.com");
    }
}
