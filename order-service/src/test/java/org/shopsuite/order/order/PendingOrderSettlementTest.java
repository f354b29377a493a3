package org.shopsuite.order.order;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.seata.core.model.GlobalStatus;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.order.order.OrderRepository.Settled;

/** Each PENDING order is settled on its own: one that cannot be settled now holds up none behind it. */
class PendingOrderSettlementTest {

    final OrderRepository orders = mock(OrderRepository.class);

    @Test
    void anOrderTheCoordinatorCannotAnswerForOrWhoseRowIsHeldDelaysNoOther() {
        when(orders.pendingUntouchedFor(any(), anyLong(), anyInt()))
                .thenReturn(List.of(pending(1, "xid-unanswered"), pending(2, "xid-held"), pending(3, "xid-over")));
        when(orders.failPendingUnlessHeld(eq(2L), anyString())).thenReturn(Settled.HELD);
        when(orders.failPendingUnlessHeld(eq(3L), anyString())).thenReturn(Settled.DONE);
        PendingOrderSettlement settlement = new PendingOrderSettlement(orders, Duration.ofSeconds(5), xid -> {
            if (xid.equals("xid-unanswered")) {
                throw new IllegalStateException("the coordinator did not answer in time");
            }
            return GlobalStatus.TimeoutRollbacked;
        });

        settlement.settle();

        verify(orders, never()).failPendingUnlessHeld(eq(1L), anyString());
        verify(orders).failPendingUnlessHeld(eq(2L), anyString());
        verify(orders).failPendingUnlessHeld(eq(3L), anyString());
    }

    @Test
    void aTransactionTheCoordinatorStillRunsIsLeftAlone() {
        when(orders.pendingUntouchedFor(any(), anyLong(), anyInt())).thenReturn(List.of(pending(1, "xid-running")));

        new PendingOrderSettlement(orders, Duration.ofSeconds(5), xid -> GlobalStatus.Committing).settle();

        verify(orders, never()).failPendingUnlessHeld(anyLong(), anyString());
    }

    @Test
    void aFullRoundIsFollowedByOneStartingPastItsLastOrderAndThenFromTheStartAgain() {
        List<Order> full = LongStream.rangeClosed(1, PendingOrderSettlement.BATCH).mapToObj(id -> pending(id, "x" + id))
                .toList();
        when(orders.pendingUntouchedFor(any(), eq(0L), anyInt())).thenReturn(full);
        when(orders.pendingUntouchedFor(any(), eq((long) PendingOrderSettlement.BATCH), anyInt()))
                .thenReturn(List.of(pending(PendingOrderSettlement.BATCH + 1, "y")));
        PendingOrderSettlement settlement = new PendingOrderSettlement(orders, Duration.ofSeconds(5),
                xid -> GlobalStatus.Begin);

        settlement.settle();
        settlement.settle();
        settlement.settle();

        verify(orders, org.mockito.Mockito.times(2)).pendingUntouchedFor(any(), eq(0L), anyInt());
        verify(orders).pendingUntouchedFor(any(), eq((long) PendingOrderSettlement.BATCH), anyInt());
    }

    private static Order pending(long id, String xid) {
        return new Order(id, 1, 2, 1, new BigDecimal("2.50"), OrderStatus.PENDING, OrderMode.XA, xid, null, null,
                null);
    }
}
