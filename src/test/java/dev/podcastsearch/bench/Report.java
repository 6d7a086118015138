package dev.podcastsearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: each row a measure, the function's figure, the framework floor's, the baseline's, the AOT
 * package's ({@code function-aot.zip} on a custom runtime), the ratios (what this project adds over the floor, what
 * Quarkus costs over plain Java, the two ends, and the AOT package over plain Java) and the targets, one for
 * podcast-search and one for the AOT package. Printed, and written to {@code target/bench/performance.md} and
 * {@code performance.csv}.
 */
final class Report {

    /** One measure; a figure is NaN where that function has no counterpart. */
    record Row(String measure, double ours, double floor, double baseline, double aot, String unit, String target, Boolean met,
            String aotTarget, Boolean aotMet) {

        static String ratio(double over, double under) {
            return Double.isNaN(over) || Double.isNaN(under) || under == 0 ? "" : String.format(Locale.ROOT, "%.2f×", over / under);
        }
    }

    private final List<String> context = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    void context(String line) {
        context.add(line);
    }

    void row(String measure, double ours, double floor, double baseline, double aot, String unit, String target, Boolean met,
            String aotTarget, Boolean aotMet) {
        rows.add(new Row(measure, ours, floor, baseline, aot, unit, target, met, aotTarget, aotMet));
        System.out.printf(Locale.ROOT, "[bench] %s: %s %s | floor %s %s | baseline %s %s | aot %s %s%n", measure, format(ours),
                unit, format(floor), unit, format(baseline), unit, format(aot), unit);
    }

    void row(String measure, double ours, double floor, double baseline, String unit, String target, Boolean met) {
        row(measure, ours, floor, baseline, Double.NaN, unit, target, met, "", null);
    }

    void row(String measure, double ours, double floor, double baseline, String unit) {
        row(measure, ours, floor, baseline, unit, "", null);
    }

    /** A table of its own, in markdown, printed after the rows: for figures that have no place in the columns. */
    void table(String markdown) {
        tables.add(markdown);
        System.out.println(markdown);
    }

    static String ratio(double over, double under) {
        return Row.ratio(over, under);
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        context.forEach(line -> text.append(line).append("  \n"));
        text.append("\n| measure | podcast-search | Quarkus floor | plain Java | AOT package | ours / floor | floor / plain"
                + " | ours / plain | AOT / plain | target | met | AOT target | AOT met |\n");
        text.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | :---: | --- | :---: |\n");
        for (Row row : rows) {
            text.append("| ").append(row.measure())
                    .append(" | ").append(withUnit(row.ours(), row.unit()))
                    .append(" | ").append(withUnit(row.floor(), row.unit()))
                    .append(" | ").append(withUnit(row.baseline(), row.unit()))
                    .append(" | ").append(withUnit(row.aot(), row.unit()))
                    .append(" | ").append(Row.ratio(row.ours(), row.floor()))
                    .append(" | ").append(Row.ratio(row.floor(), row.baseline()))
                    .append(" | ").append(Row.ratio(row.ours(), row.baseline()))
                    .append(" | ").append(Row.ratio(row.aot(), row.baseline()))
                    .append(" | ").append(row.target())
                    .append(" | ").append(met(row.met()))
                    .append(" | ").append(row.aotTarget())
                    .append(" | ").append(met(row.aotMet()))
                    .append(" |\n");
        }
        tables.forEach(table -> text.append('\n').append(table));
        return text.toString();
    }

    String csv() {
        StringBuilder text = new StringBuilder("measure,unit,podcast_search,floor,baseline,aot,target,met,aot_target,aot_met\n");
        for (Row row : rows) {
            text.append('"').append(row.measure().replace("\"", "\"\"")).append("\",")
                    .append(row.unit()).append(',')
                    .append(Double.isNaN(row.ours()) ? "" : format(row.ours())).append(',')
                    .append(Double.isNaN(row.floor()) ? "" : format(row.floor())).append(',')
                    .append(Double.isNaN(row.baseline()) ? "" : format(row.baseline())).append(',')
                    .append(Double.isNaN(row.aot()) ? "" : format(row.aot())).append(',')
                    .append('"').append(row.target().replace("\"", "\"\"")).append("\",")
                    .append(row.met() == null ? "" : row.met()).append(',')
                    .append('"').append(row.aotTarget().replace("\"", "\"\"")).append("\",")
                    .append(row.aotMet() == null ? "" : row.aotMet()).append('\n');
        }
        return text.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("performance.md"), markdown());
        Files.writeString(directory.resolve("performance.csv"), csv());
        System.out.println(markdown());
    }

    private static String met(Boolean met) {
        return met == null ? "" : met ? "yes" : "**no**";
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
