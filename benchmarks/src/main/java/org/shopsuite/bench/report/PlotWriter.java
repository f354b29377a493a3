package org.shopsuite.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Grouped bar charts as PNG, drawn with java.awt on a headless JVM: groups along the x axis (client counts, say),
 * one bar per series in each group (baseline, XA, TCC), an optional min-max whisker per bar, a linear or log y axis.
 */
public final class PlotWriter {

    public static final Color GREY = new Color(0x8c8c8c);
    public static final Color BLUE = new Color(0x1f77b4);
    public static final Color ORANGE = new Color(0xff7f0e);
    public static final Color GREEN = new Color(0x2ca02c);
    public static final Color RED = new Color(0xd62728);
    public static final Color PURPLE = new Color(0x9467bd);

    private static final int WIDTH = 960;
    private static final int HEIGHT = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 24;
    private static final int TOP = 56;
    private static final int BOTTOM = 110;

    /** One bar per group; {@code low}/{@code high} (may be null) draw a whisker. NaN values draw no bar. */
    public record Series(String name, Color color, double[] values, double[] low, double[] high) {
    }

    public record BarChart(String title, String yLabel, List<String> groups, List<Series> series, boolean logScale) {
    }

    private PlotWriter() {
    }

    /** A lighter shade of a series colour (p99 beside p50, say). */
    public static Color light(Color c) {
        return new Color((c.getRed() + 255 * 2) / 3, (c.getGreen() + 255 * 2) / 3, (c.getBlue() + 255 * 2) / 3);
    }

    public static void write(BarChart chart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            new Drawing(chart, g).draw();
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static final class Drawing {
        private final BarChart chart;
        private final Graphics2D g;
        private final int plotWidth = WIDTH - LEFT - RIGHT;
        private final int plotHeight = HEIGHT - TOP - BOTTOM;
        private final double min;
        private final double max;

        Drawing(BarChart chart, Graphics2D g) {
            this.chart = chart;
            this.g = g;
            double top = 0;
            double smallest = Double.MAX_VALUE;
            for (Series s : chart.series()) {
                for (int i = 0; i < s.values().length; i++) {
                    for (double v : new double[] {s.values()[i], s.high() == null ? Double.NaN : s.high()[i]}) {
                        if (!Double.isNaN(v) && v > 0) {
                            top = Math.max(top, v);
                            smallest = Math.min(smallest, v);
                        }
                    }
                }
            }
            if (top == 0) {
                top = 1;
                smallest = 1;
            }
            if (chart.logScale()) {
                this.min = Math.pow(10, Math.floor(Math.log10(smallest)));
                this.max = Math.pow(10, Math.ceil(Math.log10(top * 1.05)));
            } else {
                this.min = 0;
                this.max = niceCeiling(top * 1.1);
            }
        }

        void draw() {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            centered(chart.title(), WIDTH / 2, 30);
            drawAxis();
            drawBars();
            drawLegend();
        }

        private void drawAxis() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double tick : ticks()) {
                int y = y(tick);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                String label = format(tick);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
            g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            String yLabel = chart.yLabel() + (chart.logScale() ? " (log scale)" : "");
            rotated.drawString(yLabel, -(TOP + plotHeight / 2) - rotated.getFontMetrics().stringWidth(yLabel) / 2, 22);
            rotated.dispose();
        }

        private void drawBars() {
            int groups = chart.groups().size();
            int seriesCount = chart.series().size();
            double groupWidth = plotWidth / (double) groups;
            double barWidth = groupWidth * 0.8 / seriesCount;
            Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, seriesCount > 4 ? 9 : 11);
            for (int gi = 0; gi < groups; gi++) {
                double groupLeft = LEFT + gi * groupWidth + groupWidth * 0.1;
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                centered(chart.groups().get(gi), (int) (LEFT + (gi + 0.5) * groupWidth), TOP + plotHeight + 20);
                for (int si = 0; si < seriesCount; si++) {
                    Series s = chart.series().get(si);
                    double value = s.values()[gi];
                    int x = (int) Math.round(groupLeft + si * barWidth);
                    int w = (int) Math.max(1, Math.round(barWidth) - 2);
                    g.setFont(valueFont);
                    if (Double.isNaN(value)) {
                        g.setColor(Color.GRAY);
                        centered("n/a", x + w / 2, TOP + plotHeight - 4);
                        continue;
                    }
                    int y = y(value);
                    g.setColor(s.color());
                    g.fillRect(x, y, w, TOP + plotHeight - y);
                    int labelY = y - 4;
                    if (s.low() != null && s.high() != null && !Double.isNaN(s.low()[gi]) && !Double.isNaN(s.high()[gi])) {
                        int yLow = y(s.low()[gi]);
                        int yHigh = y(s.high()[gi]);
                        g.setColor(Color.BLACK);
                        g.setStroke(new BasicStroke(1.2f));
                        int cx = x + w / 2;
                        g.drawLine(cx, yLow, cx, yHigh);
                        g.drawLine(cx - w / 5, yLow, cx + w / 5, yLow);
                        g.drawLine(cx - w / 5, yHigh, cx + w / 5, yHigh);
                        labelY = Math.min(labelY, yHigh - 4);
                    }
                    g.setColor(Color.BLACK);
                    centered(format(value), x + w / 2, labelY);
                }
            }
        }

        private void drawLegend() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            int total = 0;
            for (Series s : chart.series()) {
                total += 18 + fm.stringWidth(s.name()) + 22;
            }
            int x = Math.max(LEFT, (WIDTH - total) / 2);
            int y = HEIGHT - 40;
            for (Series s : chart.series()) {
                g.setColor(s.color());
                g.fillRect(x, y - 11, 13, 13);
                g.setColor(Color.BLACK);
                g.drawString(s.name(), x + 18, y);
                x += 18 + fm.stringWidth(s.name()) + 22;
            }
        }

        private List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (chart.logScale()) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
            } else {
                double step = niceCeiling(max / 6);
                for (double t = 0; t <= max * 1.0001; t += step) {
                    ticks.add(t);
                }
            }
            return ticks;
        }

        private int y(double value) {
            double share = chart.logScale()
                    ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return (int) Math.round(TOP + plotHeight - share * plotHeight);
        }

        private void centered(String text, int x, int y) {
            g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
        }
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at or above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    static String format(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
