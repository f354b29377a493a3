package org.shopsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinlogVersionTest {

    @Test
    void versionsOrderLikeTheBinlogFileThenOffsetThenSubIndex() {
        List<Long> inBinlogOrder = List.of(
                BinlogVersion.of("mysql-bin.000001", 4, 0),
                BinlogVersion.of("mysql-bin.000001", 4, 1),
                BinlogVersion.of("mysql-bin.000001", 4, 2),
                BinlogVersion.of("mysql-bin.000001", 5, 0),
                BinlogVersion.of("mysql-bin.000001", BinlogVersion.MAX_OFFSET, BinlogVersion.MAX_INDEX),
                BinlogVersion.of("mysql-bin.000002", 0, 0),
                BinlogVersion.of("mysql-bin.065535", 0, 1));

        List<Long> sorted = new ArrayList<>(inBinlogOrder);
        sorted.sort(Long::compare);

        assertThat(sorted).isEqualTo(inBinlogOrder);
        assertThat(inBinlogOrder).allMatch(version -> version > 0);
    }

    @Test
    void aSnapshotReadOrdersAfterEveryChangeBeforeItsPositionAndBeforeEveryChangeFromIt() {
        long read = BinlogVersion.snapshot("mysql-bin.000003", 1134);

        assertThat(BinlogVersion.of("mysql-bin.000003", 961, 1)).isLessThan(read); // committed before the snapshot
        assertThat(BinlogVersion.of("mysql-bin.000003", 1134, 1)).isGreaterThan(read); // the next event's first row
        assertThat(BinlogVersion.of("mysql-bin.000004", 4, 1)).isGreaterThan(read);
    }

    @Test
    void subIndexesPastTheLimitShareTheLastOne() {
        assertThat(BinlogVersion.of(1, 100, BinlogVersion.MAX_INDEX + 5))
                .isEqualTo(BinlogVersion.of(1, 100, BinlogVersion.MAX_INDEX))
                .isLessThan(BinlogVersion.of(1, 101, 0));
    }

    @Test
    void placesBeyondTheLimitsHaveNoVersionAndSayWhatToDo() {
        assertThatThrownBy(() -> BinlogVersion.of(BinlogVersion.MAX_FILE + 1, 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RESET MASTER");
        assertThatThrownBy(() -> BinlogVersion.of(1, BinlogVersion.MAX_OFFSET + 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_binlog_size");
        assertThatThrownBy(() -> BinlogVersion.of("binlog-without-number", 4, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReadsPositionParsesFromFileColonOffsetAndAnythingElseIsUnknown() {
        assertThat(BinlogVersion.parseSnapshot("mysql-bin.000042:1234"))
                .hasValue(BinlogVersion.snapshot("mysql-bin.000042", 1234));
        assertThat(BinlogVersion.parseSnapshot(null)).isEmpty();
        assertThat(BinlogVersion.parseSnapshot("")).isEmpty();
        assertThat(BinlogVersion.parseSnapshot(":12")).isEmpty();
        assertThat(BinlogVersion.parseSnapshot("mysql-bin.000042:")).isEmpty();
        assertThat(BinlogVersion.parseSnapshot("mysql-bin.000042:x")).isEmpty();
    }

    @Test
    void describesItsParts() {
        assertThat(BinlogVersion.describe(BinlogVersion.of("mysql-bin.000042", 1234, 3))).isEqualTo("file#42:1234/3");
    }
}
