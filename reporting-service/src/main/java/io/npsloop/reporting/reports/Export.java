package io.npsloop.reporting.reports;

import java.util.List;
import java.util.Map;

/** What a view looks like as files: one CSV table, or several in one download. */
public sealed interface Export {

    /** CSV rows: one column per component of {@code rowType}, in declaration order, as in the JSON. */
    record Table(Class<? extends Record> rowType, List<? extends Record> rows) implements Export {

        public Table {
            rows = List.copyOf(rows);
        }
    }

    /** Several tables, by file name, downloaded as {@code fileName}. */
    record Bundle(String fileName, Map<String, Table> files) implements Export {
    }
}
