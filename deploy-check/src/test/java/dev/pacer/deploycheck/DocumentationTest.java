package dev.pacer.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The local deployment's documentation, README.md's configuration table and ./pacer help, names what the services read. */
class DocumentationTest {

    private static final Pattern BACKTICKED_VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    /** The environment variables the services read by name ({@code ${NAME...}} in their configuration). */
    static Set<String> variablesTheServicesRead() {
        Set<String> names = new TreeSet<>();
        Repo.services().forEach(s -> names.addAll(s.config().envExpressions()));
        return names;
    }

    /** The variables in the first column of the table under README.md's "## Configuration". */
    static Set<String> readmeConfigurationTable() {
        String readme = Repo.read(Repo.root().resolve("README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README.md has a \"## Configuration\" section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        for (String line : section.split("\\R")) {
            String[] cells = line.trim().split("\\|");
            if (line.trim().startsWith("|") && cells.length > 1) {
                Matcher m = BACKTICKED_VARIABLE.matcher(cells[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).as("variables in README.md's configuration table").isNotEmpty();
        return names;
    }

    @Test
    void theReadmeConfigurationTableListsExactlyTheVariablesTheServicesRead() {
        assertThat(readmeConfigurationTable()).as("variables in README.md's configuration table")
                .containsExactlyInAnyOrderElementsOf(variablesTheServicesRead());
    }

    @Test
    void pacerHelpNamesEveryVariableTheServicesRead() {
        String script = Repo.read(Repo.root().resolve("pacer"));
        int start = script.indexOf("\nusage() {");
        assertThat(start).as("pacer has a usage() function").isNotNegative();
        String usage = script.substring(start, script.indexOf("\n}\n", start));
        Set<String> missing = new TreeSet<>();
        for (String name : variablesTheServicesRead()) {
            if (!Pattern.compile("\\b" + name + "\\b").matcher(usage).find()) {
                missing.add(name);
            }
        }
        assertThat(missing).as("variables the services read that ./pacer help does not name").isEmpty();
    }
}
