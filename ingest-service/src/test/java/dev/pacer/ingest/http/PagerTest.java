package dev.pacer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerTest {
    private static final String API = "https://crm.example.com/api/orders";

    @Test
    void withoutPaginationOneRequestReadsEverything() {
        Pager pager = new Pager(Settings.get(API).query("status", "closed & paid").build(), null);
        URI first = pager.first();
        assertThat(first).hasToString(API + "?status=closed+%26+paid");
        assertThat(pager.next(first, 100, List.of(), List.of())).isNull();
    }

    @Test
    void pageNumbersCountUpFromTheStartPageUntilAnEmptyPage() {
        Pager pager = new Pager(Settings.get(API + "?region=emea").pages(Settings.page("p", 0, "per_page", 50))
                .build(), null);
        URI first = pager.first();
        assertThat(first).hasToString(API + "?region=emea&p=0&per_page=50");
        URI second = pager.next(first, 50, List.of(), List.of());
        assertThat(second).hasToString(API + "?region=emea&p=1&per_page=50");
        URI third = pager.next(second, 3, List.of(), List.of());
        assertThat(third).as("a short page is not taken for the last: the API may cap the size")
                .hasToString(API + "?region=emea&p=2&per_page=50");
        assertThat(pager.next(third, 0, List.of(), List.of())).isNull();
    }

    @Test
    void pageDefaultsArePageOneAndNoSize() {
        Pager pager = new Pager(Settings.get(API).pages(Settings.page(null, null, null, null)).build(), null);
        assertThat(pager.first()).hasToString(API + "?page=1");
    }

    @Test
    void offsetAdvancesByTheRecordsReceived() {
        Pager pager = new Pager(Settings.get(API).pages(Settings.offset(null, null, 100)).build(), null);
        URI first = pager.first();
        assertThat(first).hasToString(API + "?offset=0&limit=100");
        URI second = pager.next(first, 100, List.of(), List.of());
        assertThat(second).hasToString(API + "?offset=100&limit=100");
        URI third = pager.next(second, 40, List.of(), List.of());
        assertThat(third).hasToString(API + "?offset=140&limit=100");
        assertThat(pager.next(third, 0, List.of(), List.of())).isNull();
    }

    @Test
    void cursorComesFromTheResponseUntilItIsMissingOrEmpty() {
        Pager pager = new Pager(Settings.get(API).pages(Settings.cursor("meta.next", "after")).build(), null);
        URI first = pager.first();
        assertThat(first).hasToString(API);
        URI second = pager.next(first, 10, Map.of("meta", Map.of("next", "b2Zm+c2V0=")), List.of());
        assertThat(second).hasToString(API + "?after=b2Zm%2Bc2V0%3D");
        URI third = pager.next(second, 10, Map.of("meta", Map.of("next", new BigDecimal("1234567890123"))),
                List.of());
        assertThat(third).hasToString(API + "?after=1234567890123");
        assertThat(pager.next(third, 10, Map.of("meta", Map.of("next", "")), List.of())).isNull();
        assertThat(pager.next(third, 10, Map.of("meta", Map.of()), List.of())).isNull();
        assertThat(pager.next(third, 0, Map.of("meta", Map.of("next", "more")), List.of()))
                .as("an empty page ends the run even with a cursor").isNull();
    }

    @Test
    void linkFollowsTheNextRelationResolvedAgainstTheRequest() {
        Pager pager = new Pager(Settings.get(API).pages(Settings.link()).build(), null);
        URI first = pager.first();
        URI second = pager.next(first, 100, List.of(), List.of("</api/orders?page=2>; rel=\"next\""));
        assertThat(second).hasToString("https://crm.example.com/api/orders?page=2");
        assertThat(pager.next(second, 100, List.of(), List.of("</api/orders?page=1>; rel=\"prev\""))).isNull();
    }

    @Test
    void theIncrementalCursorGoesWithEveryBuiltRequest() {
        Pager pager = new Pager(Settings.get(API).query("status", "closed").incremental("updated_at", "updated_since")
                .pages(Settings.offset("skip", "take", 2)).build(), "2024-05-01T09:30:00Z");
        URI first = pager.first();
        assertThat(first).hasToString(API + "?status=closed&updated_since=2024-05-01T09%3A30%3A00Z&skip=0&take=2");
        assertThat(pager.next(first, 2, List.of(), List.of()))
                .hasToString(API + "?status=closed&updated_since=2024-05-01T09%3A30%3A00Z&skip=2&take=2");
        assertThat(new Pager(Settings.get(API).incremental("updated_at", "since").build(), null).first())
                .as("the first run sends no cursor").hasToString(API);
    }
}
