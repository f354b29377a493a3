package org.shopsuite.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotWriterTest {

    @Test
    void drawsAGroupedBarChartAsPngHeadless(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.png");
        PlotWriter.write(new PlotWriter.BarChart("Orders", "orders / s", List.of("1 client", "4 clients"), List.of(
                new PlotWriter.Series("baseline", PlotWriter.GREY, new double[] {100, 300}, new double[] {90, 280},
                        new double[] {110, 320}),
                new PlotWriter.Series("XA", PlotWriter.BLUE, new double[] {20, Double.NaN}, null, null)), false), file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isGreaterThan(500);
        assertThat(image.getHeight()).isGreaterThan(300);
    }

    @Test
    void axisTopsAreRoundNumbers() {
        assertThat(PlotWriter.niceCeiling(87)).isEqualTo(100);
        assertThat(PlotWriter.niceCeiling(1234)).isEqualTo(2000);
        assertThat(PlotWriter.niceCeiling(0.3)).isEqualTo(0.5);
    }
}
