package dev.pacer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.platform.problem.Problem;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void validSettingsHaveNoProblems() {
        assertThat(Settings.get("https://crm.example.com/api/orders?x=1").query("status", "closed")
                .header("Accept-Language", "en").auth("X-Api-Key", "k").records("data.items")
                .pages(Settings.cursor("meta.next_cursor", "cursor")).incremental("updated_at", "updated_since")
                .build().problems("http.")).isEmpty();
        assertThat(Settings.get("http://127.0.0.1:8080/orders").build().problems("")).isEmpty();
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentials() {
        for (String url : new String[] {"file:///etc/passwd", "ftp://example.com/x", "jdbc:postgresql://h/db",
                "https:///nohost", "https://user:pw@crm.example.com/api", "not a url", "https://a.example/x#frag"}) {
            assertThat(Settings.get(url).build().problems("http.")).as(url)
                    .extracting(Problem.FieldError::field).containsExactly("http.url");
        }
    }

    @Test
    void credentialsBelongInTheWriteOnlyAuthValueNotInHeaders() {
        assertThat(Settings.get("https://a.example/x").header("Authorization", "Bearer t").build().problems("http."))
                .extracting(Problem.FieldError::field).containsExactly("http.headers.Authorization");
        assertThat(Settings.get("https://a.example/x").auth("X-Api-Key", "k").header("x-api-key", "k2").build()
                .problems("http.")).extracting(Problem.FieldError::field).containsExactly("http.headers.x-api-key");
        assertThat(Settings.get("https://a.example/x").header("Host", "evil").header("Bad Name", "v").build()
                .problems("http.")).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("http.headers.Host", "http.headers.Bad Name");
        assertThat(Settings.get("https://a.example/x").auth("Authorization", "Bearer a\r\nX: y").build()
                .problems("http.")).extracting(Problem.FieldError::field).containsExactly("http.authValue");
    }

    @Test
    void eachProblemNamesItsField() {
        Settings s = Settings.get("https://a.example/x").records("data..items")
                .pages(Settings.cursor(null, null)).incremental("updated at[x]", "since");
        s.method = "DELETE";
        s.body = "{}";
        assertThat(s.build().problems("http.")).extracting(Problem.FieldError::field).containsExactlyInAnyOrder(
                "http.method", "http.body", "http.recordsPath", "http.pagination.cursorPath",
                "http.pagination.cursorParam", "http.incremental.field");
    }

    @Test
    void defaultsAreAGetWithoutPaginationAndTenThousandPagesAtMost() {
        HttpSettings s = Settings.get("https://a.example/x").build();
        assertThat(s.methodOrDefault()).isEqualTo("GET");
        assertThat(s.authHeaderOrDefault()).isEqualTo("Authorization");
        assertThat(s.paginationOrDefault().styleOrDefault()).isEqualTo(PaginationStyle.NONE);
        assertThat(s.maxPagesOrDefault()).isEqualTo(10_000);
        assertThat(s.recordsFieldPath()).isNull();
    }

    @Test
    void theAuthValueIsLeftOutOfWhatIsStored() {
        HttpSettings s = Settings.get("https://a.example/x").auth("Authorization", "Bearer secret").build();
        assertThat(s.withoutAuthValue().authValue()).isNull();
        assertThat(s.withoutAuthValue().authHeader()).isEqualTo("Authorization");
    }
}
