package org.civstart.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes benchmark results as JSON and bar-chart PNGs under benchmarks/results/. */
final class Results {

    static final Path DIR = Path.of("results");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {}

    static void json(String name, Object value) throws IOException {
        Files.createDirectories(DIR);
        JSON.writeValue(DIR.resolve(name + ".json").toFile(), value);
    }

    /** One chart: series → (category → value). */
    static void barChart(
            String file, String title, String categoryAxis, String valueAxis, Map<String, Map<String, Double>> series)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((s, values) -> values.forEach((category, v) -> data.addValue(v, s, category)));
        JFreeChart chart = ChartFactory.createBarChart(
                title, categoryAxis, valueAxis, data, PlotOrientation.VERTICAL, true, false, false);
        Files.createDirectories(DIR);
        ChartUtils.saveChartAsPNG(new File(DIR.resolve(file).toString()), chart, 900, 500);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version");
    }

    static List<String> header() {
        return List.of(machine());
    }
}
