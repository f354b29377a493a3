package org.shopsuite.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Grouped bar charts as PNG (XChart, headless): one bar per series in each category, optional error bars. */
final class Charts {

    static final Color GREY = new Color(0x8c8c8c);
    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color RED = new Color(0xd62728);
    static final Color PURPLE = new Color(0x9467bd);

    /**
     * One bar per category; a null value draws no bar. {@code errors} (or null): the whisker's half-length around the
     * bar, XChart's error bars being symmetric.
     */
    record Series(String name, Color color, List<Double> values, List<Double> errors) {
    }

    private Charts() {
    }

    /** A lighter shade of a series colour (p99 beside p50, hot beside spread). */
    static Color light(Color c) {
        return new Color((c.getRed() + 255 * 2) / 3, (c.getGreen() + 255 * 2) / 3, (c.getBlue() + 255 * 2) / 3);
    }

    static void write(String title, String yLabel, boolean log, List<String> categories, List<Series> series,
                      Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(960).height(540).title(title)
                .yAxisTitle(yLabel + (log ? " (log scale)" : "")).build();
        var style = chart.getStyler();
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBorderVisible(false);
        style.setYAxisLogarithmic(log);
        if (log) { // bars start at the axis' bottom, which XChart puts at 0 unless told: powers of ten around all
            var values = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null && v > 0).toList();
            values.stream().min(Double::compare).ifPresent(v -> style.setYAxisMin(Math.pow(10, Math.floor(Math.log10(v)))));
            values.stream().max(Double::compare).ifPresent(v -> style.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(v * 1.5)))));
        }
        style.setDecimalPattern("#,##0.##"); // the bars' labels, of values rounded to 3 significant digits below
        style.setYAxisDecimalPattern("#,##0.##");
        style.setLabelsVisible(true); // each bar's value, as the tables give it
        style.setLabelsFontColorAutomaticEnabled(false);
        style.setLabelsFontColor(Color.BLACK);
        style.setLabelsRotation(series.size() > 4 ? 90 : 0);
        style.setErrorBarsColor(Color.BLACK);
        style.setSeriesColors(series.stream().map(Series::color).toArray(Color[]::new));
        for (Series s : series) {
            List<Double> values = s.values().stream().map(v -> v == null ? null
                    : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue()).toList();
            if (s.errors() == null) {
                chart.addSeries(s.name(), categories, values);
            } else {
                chart.addSeries(s.name(), categories, values, s.errors());
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
