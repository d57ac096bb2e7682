package dev.pacer.ingest.rejection;

import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.source.SourceEntity;
import dev.pacer.ingest.source.SourceRuns;
import dev.pacer.ingest.webhook.WebhookService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The departments a rejected record belongs to: the one that owns its dataset and, when a source refused it, the
 * source's (labelled {@code source:<id>} by runs, {@code webhook:<id>} by the webhook receiver). Pushes and uploads
 * have no department of their own; their rejections belong to the dataset's.
 */
@ApplicationScoped
public class RejectionScope {
    private final DatasetSchemas schemas;

    public RejectionScope(DatasetSchemas schemas) {
        this.schemas = schemas;
    }

    /** The departments of one rejection; empty (admins only) when its dataset is gone and no source claims it. */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<String> departmentsOf(String dataset, String source) {
        Set<String> departments = new LinkedHashSet<>();
        schemas.ownerDepartment(dataset).ifPresent(departments::add);
        UUID sourceId = sourceId(source);
        if (sourceId != null) {
            SourceEntity s = SourceEntity.findById(sourceId);
            if (s != null) {
                departments.add(s.department);
            }
        }
        return departments;
    }

    /** The labels of the sources of these departments, as their rejections carry them. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<String> sourcesOf(Collection<String> departments) {
        List<String> labels = new ArrayList<>();
        for (SourceEntity s : SourceEntity.<SourceEntity>list("department in ?1", departments)) {
            labels.add(SourceRuns.REJECTION_SOURCE_PREFIX + s.id);
            labels.add(WebhookService.SOURCE_PREFIX + s.id);
        }
        return labels;
    }

    /** The id of the source a rejection label names; null for pushes, uploads and anything else. */
    static UUID sourceId(String label) {
        for (String prefix : List.of(SourceRuns.REJECTION_SOURCE_PREFIX, WebhookService.SOURCE_PREFIX)) {
            if (label != null && label.startsWith(prefix)) {
                try {
                    return UUID.fromString(label.substring(prefix.length()));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
