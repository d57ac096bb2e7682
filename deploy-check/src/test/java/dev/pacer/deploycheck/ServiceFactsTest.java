package dev.pacer.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The facts the other tests rely on, parsed from the services' own files, are there and consistent. */
class ServiceFactsTest {

    static List<ServiceFacts> services() {
        return Repo.services();
    }

    @Test
    void theServicesAreTheRootPomModulesThatShipAJvmDockerfile() {
        assertThat(services()).extracting(ServiceFacts::name).isNotEmpty().doesNotHaveDuplicates();
        assertThat(services()).extracting(ServiceFacts::port).doesNotHaveDuplicates();
    }

    @Test
    void everyRequiredVariableIsReadByThePlatformConfiguration() {
        assertThat(Contract.platform().envExpressions())
                .as("${NAME} expressions in %s", Repo.root().relativize(Repo.platformConfig()))
                .containsAll(Contract.REQUIRED_ENV);
    }

    @Test
    void theCalendarEveryServiceSharesIsReadFromTheEnvironment() {
        assertThat(Contract.calendarEnv())
                .as("${NAME} expressions of the %s* properties in %s", Contract.CALENDAR_PREFIX,
                        Repo.root().relativize(Repo.platformConfig()))
                .contains("PACER_TIME_ZONE", "PACER_FISCAL_YEAR_START_MONTH");
    }

    @Test
    void everyServiceSecretIsReadByItsServiceWithNoDefaultOutsideDevAndTest() {
        Map<String, ServiceFacts> byName = services().stream().collect(Collectors.toMap(ServiceFacts::name, s -> s));
        Contract.SERVICE_SECRETS.forEach((name, secrets) -> {
            assertThat(byName).as("services").containsKey(name);
            assertThat(byName.get(name).config().envWithEmptyDefault())
                    .as("%s: variables read as ${NAME:} by a profile-less property", name)
                    .containsAll(secrets);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyVariableWithNoDefaultOutsideDevAndTestIsRequired(ServiceFacts service) {
        List<String> requiredOrOptional = new ArrayList<>(Contract.requiredEnv(service));
        requiredOrOptional.addAll(Contract.OPTIONAL_ENV.getOrDefault(service.name(), List.of()));
        assertThat(requiredOrOptional)
                .as("%s: variables its configuration reads as ${NAME:} outside the dev/test profiles must be in"
                        + " Contract.REQUIRED_ENV, Contract.SERVICE_SECRETS or Contract.OPTIONAL_ENV", service)
                .containsAll(service.config().envWithEmptyDefault());
    }

    @Test
    void healthAndMetricsLiveUnderTheNonApplicationRoot() {
        assertThat(Contract.readinessPath()).isEqualTo("/q/health/ready");
        assertThat(Contract.livenessPath()).isEqualTo("/q/health/live");
        assertThat(Contract.startupPath()).isEqualTo("/q/health/started");
        assertThat(Contract.metricsPath()).startsWith(Contract.nonApplicationRoot() + "/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theDockerfileExposesTheDefaultHttpPortAndRunsAsANonRootUser(ServiceFacts service) {
        assertThat(service.exposedPorts()).as("%s EXPOSE", service).contains(service.port());
        assertThat(service.dockerUser()).as("%s USER", service).isPresent();
        assertThat(service.dockerUser().getAsInt()).as("%s USER", service).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theHttpPortCanBeSetThroughItsOwnPacerVariable(ServiceFacts service) {
        String portExpression = service.config().properties().get("quarkus.http.port");
        assertThat(portExpression).as("%s quarkus.http.port", service).matches("\\$\\{PACER_[A-Z]+_PORT:\\d+}");
    }
}
