package io.tensorwasm.ops.web.remediation;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.web.incident.RunbookIndex;
import io.tensorwasm.ops.web.paging.Severity;
import io.tensorwasm.ops.web.runbook.LibraryEntry;
import io.tensorwasm.ops.web.runbook.RunbookLibrary;
import java.util.Optional;

/** The console's runbook catalogue as the incident desk looks runbooks up. */
final class CatalogueIndex implements RunbookIndex {

    private final RunbookLibrary library;

    CatalogueIndex(RunbookLibrary library) {
        this.library = library;
    }

    @Override
    public Optional<Entry> byId(String id) {
        return library.runbook(id).map(CatalogueIndex::entry);
    }

    @Override
    public Optional<Entry> byAlert(String alertName) {
        return library.forAlert(alertName)
                .flatMap(LibraryEntry::runbook)
                .map(CatalogueIndex::entry);
    }

    private static Entry entry(Runbook runbook) {
        return new Entry(runbook.id(), Severity.parse(runbook.metadata().severity()));
    }
}
