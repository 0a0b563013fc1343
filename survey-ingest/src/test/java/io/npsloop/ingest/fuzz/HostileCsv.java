package io.npsloop.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * CSV files for {@code POST /api/v1/responses/import} in the native layout, with hostile cells. A
 * well-formed file has rows that are each valid (hostile text the rules allow) or broken in known
 * columns, so the import's answer is known: the valid rows accepted, every other row rejected at its
 * line, naming only the columns broken. A malformed file (a bad header, a broken quote, an endless
 * record, bytes that are not UTF-8) may be refused or partly imported, but never with a 5xx, and the
 * report must count exactly what was published.
 */
public final class HostileCsv {

    private static final List<String> COLUMNS = List.of("responseId", "customerId", "score", "comment", "channel", "respondedAt",
            "attr.region");

    /**
     * One generated file.
     *
     * @param rejectedLines line of each broken row to the top-level fields it broke
     */
    public record File(String contentType, byte[] bytes, boolean wellFormed, Set<String> validIds, Map<Long, Set<String>> rejectedLines,
            String description) {

        public String describe() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return description + " " + (text.length() > 600 ? text.substring(0, 600) + "... (" + bytes.length + " bytes)" : text);
        }
    }

    private final SplittableRandom random;

    public HostileCsv(SplittableRandom random) {
        this.random = random;
    }

    public File next(String prefix) {
        return random.nextInt(4) == 0 ? malformed(prefix) : wellFormed(prefix, random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(12));
    }

    /** A well-formed file whose every row is broken, or a malformed file: either way nothing may be published. */
    public File nextRejected(String prefix) {
        while (true) {
            File file = random.nextBoolean() ? malformedWithoutRows(prefix) : wellFormed(prefix, 1 + random.nextInt(8));
            if (file.validIds().isEmpty()) {
                return file;
            }
        }
    }

    private File wellFormed(String prefix, int rows) {
        List<String> columns = new ArrayList<>(COLUMNS);
        Collections.shuffle(columns, new java.util.Random(random.nextLong()));
        String separator = random.nextBoolean() ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder(String.join(",", columns)).append(separator);
        Set<String> validIds = new LinkedHashSet<>();
        Map<Long, Set<String>> rejected = new LinkedHashMap<>();
        long line = 2;
        for (int row = 0; row < rows; row++) {
            Map<String, String> cells = new LinkedHashMap<>();
            String id = prefix + "-" + row;
            cells.put("responseId", id);
            cells.put("customerId", "c" + pick(HostileResponses.HOSTILE_TEXT));
            cells.put("score", pick(List.of("0", "5", "10", " 7 ", "-0", "+7", "3")));
            cells.put("comment", random.nextInt(10) == 0 ? "x".repeat(10_000) : pick(HostileResponses.HOSTILE_TEXT));
            cells.put("channel", pick(List.of("email", "web", "in_app", "", "other")));
            cells.put("respondedAt", pick(List.of("2024-02-29T12:00:00Z", "2024-02-29T12:00:00+05:30", "")));
            cells.put("attr.region", random.nextInt(8) == 0 ? "v".repeat(256) : pick(HostileResponses.HOSTILE_TEXT));
            Set<String> broken = new LinkedHashSet<>();
            if (random.nextInt(5) < 2) {
                for (int n = 1 + random.nextInt(2); n > 0; n--) {
                    broken.add(breakCell(cells));
                }
            }
            if (broken.isEmpty()) {
                validIds.add(id);
            } else {
                rejected.put(line, broken);
            }
            List<String> values = new ArrayList<>();
            long breaks = 0;
            for (String column : columns) {
                String value = cells.get(column);
                breaks += lineBreaks(value);
                values.add(cell(value));
            }
            text.append(String.join(",", values));
            if (row < rows - 1 || random.nextInt(4) != 0) {
                text.append(separator);
            }
            line += breaks + 1;
        }
        String contentType = pick(List.of("text/csv", "text/csv", "text/csv; charset=UTF-8", "text/csv; charset=ISO-8859-1"));
        if (contentType.endsWith("ISO-8859-1")) {
            // Read as Latin-1, multi-byte characters grow: only rows of ASCII cells keep their verdicts exactly.
            return new File(contentType, text.toString().getBytes(StandardCharsets.UTF_8), false, validIds, rejected, "latin-1");
        }
        return new File(contentType, text.toString().getBytes(StandardCharsets.UTF_8), true, validIds, rejected, rows + " rows");
    }

    /** Breaks one cell and names the field it breaks. */
    private String breakCell(Map<String, String> cells) {
        return switch (random.nextInt(7)) {
            case 0 -> {
                cells.put("score", pick(List.of("11", "-1", "1e400", "9223372036854775808", "9.5", "NaN", "$where", "", "0x1A",
                        "\u0661\u0661", "{\"$gt\": 0}", "Infinity", "2147483648")));
                yield "score";
            }
            case 1 -> {
                cells.put("customerId", pick(List.of("", "   ", "x".repeat(129))));
                yield "customerId";
            }
            case 2 -> {
                cells.put("channel", pick(List.of("$where", "EMAIL", "{\"$in\": [\"email\"]}")));
                yield "channel";
            }
            case 3 -> {
                cells.put("respondedAt", pick(List.of("2999-01-01T00:00:00Z", "not a date", "1700000000", "2024-02-29T12:00:00",
                        "1e400", "+999999999-12-31T23:59:59Z", "1990-01-01T00:00:00Z", "1970-01-01T00:00:00Z")));
                yield "respondedAt";
            }
            case 4 -> {
                cells.put("attr.region", "v".repeat(257));
                yield "attributes";
            }
            case 5 -> {
                cells.put("responseId", pick(List.of("$where", "a b", "{\"$ne\": null}", "x".repeat(129))));
                yield "responseId";
            }
            default -> {
                cells.put("comment", "x".repeat(10_001));
                yield "comment";
            }
        };
    }

    private File malformed(String prefix) {
        String id = prefix + "-0";
        String header = String.join(",", COLUMNS);
        String row = id + ",c-1,7,fine,email,2024-02-29T12:00:00Z,EMEA";
        String description;
        byte[] bytes;
        switch (random.nextInt(11)) {
            case 0 -> {
                description = "unknown column";
                bytes = utf8(header + ",$where\n" + row + ",1\n");
            }
            case 1 -> {
                description = "duplicate column";
                bytes = utf8(header + ",score\n" + row + ",8\n");
            }
            case 2 -> {
                description = "unterminated quote";
                bytes = utf8(header + "\n" + row + "\n" + prefix + "-1,c-2,7,\"never closed,email,,\n");
            }
            case 3 -> {
                description = "text after a closing quote";
                bytes = utf8(header + "\n" + prefix + "-1,c-2,7,\"closed\"then more,email,,\n" + row + "\n");
            }
            case 4 -> {
                description = "endless record";
                bytes = utf8(header + "\n" + row + "\n" + prefix + "-1,c-2,7,\"" + "x".repeat(70_000) + "\",email,,\n");
            }
            case 5 -> {
                description = "invalid UTF-8";
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(utf8(header + "\n" + id + ",c-"));
                out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
                out.writeBytes(utf8(",7,fine,email,,\n"));
                bytes = out.toByteArray();
            }
            case 6 -> {
                description = "empty";
                bytes = new byte[0];
            }
            case 7 -> {
                description = "byte order mark and NUL";
                bytes = utf8("\uFEFF" + header + "\u0000\n" + row + "\n");
            }
            case 8 -> {
                description = "too many cells";
                bytes = utf8(header + "\n" + row + ",extra,cells\n");
            }
            case 9 -> {
                description = "JSON instead of CSV";
                bytes = utf8("{\"responseId\": \"" + id + "\", \"customerId\": {\"$ne\": null}, \"score\": 1e400}");
            }
            default -> {
                description = "deeply quoted header";
                bytes = utf8("\"\"\"" + "\"".repeat(5_000) + "\n" + row + "\n");
            }
        }
        return new File("text/csv", bytes, false, Set.of(), Map.of(), description);
    }

    /** A malformed file with no row that could be valid. */
    private File malformedWithoutRows(String prefix) {
        String header = String.join(",", COLUMNS);
        String bad = prefix + "-9,c-1,7,\"never closed";
        return switch (random.nextInt(4)) {
            case 0 -> new File("text/csv", utf8(header + ",$where\n" + prefix + "-9,c-1,7,fine,email,,EMEA,1\n"), false, Set.of(), Map.of(),
                    "unknown column");
            case 1 -> new File("text/csv", utf8(header + "\n" + bad + "\n"), false, Set.of(), Map.of(), "unterminated quote");
            case 2 -> new File("text/csv", new byte[0], false, Set.of(), Map.of(), "empty");
            default -> new File("text/csv", utf8("customerId\n" + "c-1\n"), false, Set.of(), Map.of(), "no score column");
        };
    }

    /** Line breaks the importer counts inside a cell: LF, and CR not followed by LF. */
    private static long lineBreaks(String value) {
        long breaks = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }

    private String cell(String value) {
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (needsQuotes || random.nextInt(3) == 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
