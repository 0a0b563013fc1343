package io.npsloop.reporting.reports.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import io.npsloop.reporting.reports.Export;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a list of view rows as CSV (RFC 4180, via commons-csv): one column per record component,
 * in declaration order, so a CSV always has the same columns as the JSON of the same rows. A nested
 * list (the costs of an experiment arm) goes into one cell, items separated by "; ".
 */
final class CsvTables {

    private CsvTables() {
    }

    static String write(Export.Table table) {
        RecordComponent[] components = table.rowType().getRecordComponents();
        List<String> header = new ArrayList<>();
        for (RecordComponent c : components) {
            header.add(c.getName());
        }
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (Record row : table.rows()) {
                List<String> cells = new ArrayList<>();
                for (RecordComponent c : components) {
                    cells.add(cell(value(c, row)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static @Nullable Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }

    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> items) {
            StringJoiner joined = new StringJoiner("; ");
            for (Object item : items) {
                joined.add(cell(item));
            }
            return joined.toString();
        }
        if (value instanceof Record nested) {
            StringJoiner joined = new StringJoiner(" ");
            for (RecordComponent c : nested.getClass().getRecordComponents()) {
                joined.add(c.getName() + "=" + cell(value(c, nested)));
            }
            return joined.toString();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
