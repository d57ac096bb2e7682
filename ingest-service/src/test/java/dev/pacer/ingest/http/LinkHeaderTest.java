package dev.pacer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
    private static final URI REQUEST = URI.create("https://api.example.com/v1/orders?page=1&per_page=100");

    @Test
    void findsTheNextLinkAmongOthers() {
        String github = "<https://api.example.com/v1/orders?page=2&per_page=100>; rel=\"next\", "
                + "<https://api.example.com/v1/orders?page=9&per_page=100>; rel=\"last\"";
        assertThat(LinkHeader.next(List.of(github), REQUEST))
                .isEqualTo(URI.create("https://api.example.com/v1/orders?page=2&per_page=100"));
        String lastFirst = "<https://api.example.com/v1/orders?page=1>; rel=\"first\", "
                + "<https://api.example.com/v1/orders?page=3>; rel=\"next\"";
        assertThat(LinkHeader.next(List.of(lastFirst), REQUEST))
                .isEqualTo(URI.create("https://api.example.com/v1/orders?page=3"));
    }

    @Test
    void resolvesARelativeTargetAgainstTheRequest() {
        assertThat(LinkHeader.next(List.of("</v1/orders?cursor=abc>; rel=next"), REQUEST))
                .isEqualTo(URI.create("https://api.example.com/v1/orders?cursor=abc"));
        assertThat(LinkHeader.next(List.of("<?page=2>; rel=\"next\""), REQUEST))
                .isEqualTo(URI.create("https://api.example.com/v1/orders?page=2"));
    }

    @Test
    void readsRelationListsQuotedCommasAndSeveralHeaders() {
        assertThat(LinkHeader.next(List.of("<https://a.example/x?p=2>; title=\"a, b\"; REL=\"prefetch Next\""),
                REQUEST)).isEqualTo(URI.create("https://a.example/x?p=2"));
        assertThat(LinkHeader.next(List.of("<https://a.example/prev>; rel=\"prev\"",
                "<https://a.example/next>; rel=\"next\""), REQUEST)).isEqualTo(URI.create("https://a.example/next"));
    }

    @Test
    void noNextLinkMeansTheLastPage() {
        assertThat(LinkHeader.next(List.of(), REQUEST)).isNull();
        assertThat(LinkHeader.next(List.of("<https://a.example/x?p=1>; rel=\"prev\", <https://a.example/x?p=9>; "
                + "rel=\"last\""), REQUEST)).isNull();
        assertThat(LinkHeader.next(List.of("<https://a.example/nextpage>; rel=\"nextpage\""), REQUEST)).isNull();
        assertThat(LinkHeader.next(List.of("garbage"), REQUEST)).isNull();
        assertThat(LinkHeader.next(List.of("<https://a.example/x y>; rel=next"), REQUEST)).isNull();
    }
}
