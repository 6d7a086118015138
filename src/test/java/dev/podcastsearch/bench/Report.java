package dev.podcastsearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: each row a measure, the function's figure, the baseline's, their ratio and the target.
 * Printed, and written to {@code target/bench/performance.md} and {@code performance.csv}.
 */
final class Report {

    /** One measure; {@code baseline} is NaN where the baseline has no counterpart. */
    record Row(String measure, double ours, double baseline, String unit, String target, Boolean met) {

        String ratio() {
            return Double.isNaN(baseline) || baseline == 0 ? "" : String.format(Locale.ROOT, "%.2f×", ours / baseline);
        }
    }

    private final List<String> context = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    void context(String line) {
        context.add(line);
    }

    void row(String measure, double ours, double baseline, String unit, String target, Boolean met) {
        rows.add(new Row(measure, ours, baseline, unit, target, met));
        System.out.printf(Locale.ROOT, "[bench] %s: %s %s | baseline %s %s%n", measure, format(ours), unit, format(baseline), unit);
    }

    void row(String measure, double ours, double baseline, String unit) {
        row(measure, ours, baseline, unit, "", null);
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        context.forEach(line -> text.append(line).append("  \n"));
        text.append("\n| measure | podcast-search | plain Java baseline | ratio | target | met |\n");
        text.append("| --- | ---: | ---: | ---: | --- | :---: |\n");
        for (Row row : rows) {
            text.append("| ").append(row.measure())
                    .append(" | ").append(withUnit(row.ours(), row.unit()))
                    .append(" | ").append(withUnit(row.baseline(), row.unit()))
                    .append(" | ").append(row.ratio())
                    .append(" | ").append(row.target())
                    .append(" | ").append(row.met() == null ? "" : row.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return text.toString();
    }

    String csv() {
        StringBuilder text = new StringBuilder("measure,unit,podcast_search,baseline,target,met\n");
        for (Row row : rows) {
            text.append('"').append(row.measure().replace("\"", "\"\"")).append("\",")
                    .append(row.unit()).append(',')
                    .append(Double.isNaN(row.ours()) ? "" : format(row.ours())).append(',')
                    .append(Double.isNaN(row.baseline()) ? "" : format(row.baseline())).append(',')
                    .append('"').append(row.target().replace("\"", "\"\"")).append("\",")
                    .append(row.met() == null ? "" : row.met()).append('\n');
        }
        return text.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("performance.md"), markdown());
        Files.writeString(directory.resolve("performance.csv"), csv());
        System.out.println(markdown());
    }

    private static String withUnit(double value, String unit) {
        return Double.isNaN(value) ? "—" : format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }
}
