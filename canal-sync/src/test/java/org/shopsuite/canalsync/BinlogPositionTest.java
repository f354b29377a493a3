package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    static final BinlogPosition READ = new BinlogPosition("mysql-bin.000002", 5000);

    @Test
    void aPositionCoversEverythingUpToItAndNothingAfter() {
        assertThat(READ.covers(new BinlogPosition("mysql-bin.000002", 5000), false)).isTrue();
        assertThat(READ.covers(new BinlogPosition("mysql-bin.000001", 90_000), false)).isTrue();
        assertThat(READ.covers(new BinlogPosition("mysql-bin.000002", 5001), false)).isFalse();
        assertThat(READ.covers(new BinlogPosition("mysql-bin.000003", 9000), false)).isFalse();
    }

    @Test
    void theXaPrepareEventCanalNeverSendsIsNoLagAfterAnXaEnd() {
        BinlogPosition afterPrepare = new BinlogPosition("mysql-bin.000002", 5000 + 40);

        assertThat(READ.covers(afterPrepare, true)).isTrue();
        assertThat(READ.covers(afterPrepare, false)).isFalse();
        assertThat(READ.covers(new BinlogPosition("mysql-bin.000002", 5000 + 500), true)).isFalse();
    }

    @Test
    void aFileWithOnlyItsHeaderEventsIsNoLag() {
        assertThat(READ.covers(new BinlogPosition("mysql-bin.000003", 385), false)).isTrue();
    }
}
