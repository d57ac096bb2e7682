package dev.pacer.platform.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: the items, and the cursor of the next page (absent on the last page). Pass {@code next}
 * back as {@code cursor} to continue.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(
        @Schema(description = "The items of this page, in the list's order") List<T> items,
        @Schema(description = "Opaque cursor of the next page; absent on the last page", example = "b3JkZXJz")
        String next) {

    /**
     * Builds a page from up to {@code limit + 1} fetched items: the extra item only tells that a next page
     * exists, and the cursor is made from the last item kept.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> kept = List.copyOf(fetched.subList(0, limit));
        return new Page<>(kept, Cursors.encode(cursorOf.apply(kept.get(limit - 1))));
    }
}
