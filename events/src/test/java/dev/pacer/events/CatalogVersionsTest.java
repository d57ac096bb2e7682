package dev.pacer.events;

import static dev.pacer.events.CatalogVersions.Action.DELETE;
import static dev.pacer.events.CatalogVersions.Action.IGNORE;
import static dev.pacer.events.CatalogVersions.Action.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogVersionsTest {

    @Test
    void aFirstDefinitionOrANewerOneIsStored() {
        assertThat(CatalogVersions.decide(null, 1, false)).isEqualTo(STORE);
        assertThat(CatalogVersions.decide(1, 2, false)).isEqualTo(STORE);
    }

    @Test
    void theSameOrAnOlderDefinitionIsIgnored() {
        assertThat(CatalogVersions.decide(2, 2, false)).isEqualTo(IGNORE);
        assertThat(CatalogVersions.decide(3, 2, false)).isEqualTo(IGNORE);
    }

    @Test
    void aDeleteWinsOverTheSameOrAnOlderVersion() {
        assertThat(CatalogVersions.decide(2, 2, true)).isEqualTo(DELETE);
        assertThat(CatalogVersions.decide(2, 3, true)).isEqualTo(DELETE);
        assertThat(CatalogVersions.decide(null, 4, true)).isEqualTo(DELETE);
        assertThat(CatalogVersions.decide(3, 2, true)).isEqualTo(IGNORE);
    }

    @Test
    void aLateOlderDefinitionDoesNotReviveADeletedEntry() {
        // tombstone at version 3: version 2 arriving late is ignored, a newer definition revives it
        assertThat(CatalogVersions.decide(3, 2, false)).isEqualTo(IGNORE);
        assertThat(CatalogVersions.decide(3, 4, false)).isEqualTo(STORE);
    }
}
