package org.shopsuite.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.order.lock.OrderLockUnavailable;
import org.shopsuite.order.lock.PerUserOrderLock;
import org.shopsuite.order.order.OrderRepository.NewOrder;
import org.shopsuite.order.participant.ParticipantUnavailable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;

/**
 * How each failure of an order is answered (status, problem type) and what it leaves in order_db; the coordinator,
 * the participants, the lock and the database are stand-ins.
 */
class OrderPlacementTest {

    static final long USER = 1;
    static final long ORDER_ID = 42;
    static final OrderRequest REQUEST = new OrderRequest(USER, 2, 3, OrderMode.XA, "key-1");

    final PerUserOrderLock userLock = mock(PerUserOrderLock.class);
    final PerUserOrderLock.Held held = mock(PerUserOrderLock.Held.class);
    final OrderRepository orders = mock(OrderRepository.class);
    final XaOrderTransaction xaSteps = mock(XaOrderTransaction.class);
    final TccOrderTransaction tccSteps = mock(TccOrderTransaction.class);
    final GlobalTransaction tx = mock(GlobalTransaction.class);
    final OrderPlacement placement = new OrderPlacement(userLock, orders, xaSteps, tccSteps, new PlacementFaults(false),
            Duration.ofSeconds(30), () -> tx);

    @BeforeEach
    void aFreeLockAndAWorkingCoordinatorAndDatabase() throws TransactionException {
        when(userLock.tryAcquire(USER)).thenReturn(Optional.of(held));
        when(orders.findByIdempotencyKey(anyLong(), anyString())).thenReturn(Optional.empty());
        when(tx.getXid()).thenReturn("xid-1");
        when(orders.insert(any(NewOrder.class))).thenReturn(ORDER_ID);
        when(tx.getLocalStatus()).thenReturn(GlobalStatus.Committed);
        when(orders.find(ORDER_ID)).thenReturn(Optional.of(order(OrderStatus.SUCCESS, REQUEST)));
    }

    @Test
    void allStepsDoneIsCommittedAndAnsweredFromTheRow() throws TransactionException {
        Order placed = placement.place(REQUEST);

        assertThat(placed.status()).isEqualTo(OrderStatus.SUCCESS);
        verify(xaSteps).run(REQUEST, ORDER_ID);
        verify(tx).commit();
        verify(held).close();
    }

    @Test
    void aTccOrderRunsTheTccSteps() {
        OrderRequest tcc = new OrderRequest(USER, 2, 3, OrderMode.TCC, null);

        placement.place(tcc);

        verify(tccSteps).run(tcc, ORDER_ID);
        verifyNoInteractions(xaSteps);
    }

    @Test
    void aCommitWhoseAnswerIsLostLeavesTheOrderPendingNotFailed() throws TransactionException {
        doThrow(new TransactionException("connection to the coordinator lost")).when(tx).commit();
        when(orders.find(ORDER_ID)).thenReturn(Optional.of(order(OrderStatus.PENDING, REQUEST)));

        // PENDING is answered 202: the commit may have been decided, so no refusal may be claimed
        assertThat(placement.place(REQUEST).status()).isEqualTo(OrderStatus.PENDING);
        verify(orders, never()).markFailed(anyLong(), anyString());
        verify(orders, never()).deleteUnsucceeded(anyLong());
    }

    // --- a step refused or could not be done: rolled back before the outcome was decided

    @Test
    void aBusinessRefusalIsA409KeptAsAFailedOrder() throws TransactionException {
        ApiProblem refusal = new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.INSUFFICIENT_BALANCE,
                "Insufficient balance", "user 1 has 5.00, 7.50 requested");
        doThrow(refusal).when(xaSteps).run(REQUEST, ORDER_ID);

        ApiProblem answer = catchThrowableOfType(ApiProblem.class, () -> placement.place(REQUEST));

        assertThat(answer).isSameAs(refusal);
        verify(tx).rollback();
        verify(tx, never()).commit();
        // kept, so that the same key answers the same refusal again
        verify(orders).markFailed(ORDER_ID, "insufficient-balance: user 1 has 5.00, 7.50 requested");
        verify(orders, never()).deleteUnsucceeded(anyLong());
    }

    @Test
    void aParticipantsNotFoundIsPassedOnAndTheOrderRemoved() throws TransactionException {
        ApiProblem notFound = new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Product not found",
                "no product with id 2");
        doThrow(notFound).when(xaSteps).run(REQUEST, ORDER_ID);

        assertThat(catchThrowableOfType(ApiProblem.class, () -> placement.place(REQUEST))).isSameAs(notFound);
        verify(tx).rollback();
        verify(orders).deleteUnsucceeded(ORDER_ID);
        verify(orders, never()).markFailed(anyLong(), anyString());
    }

    @Test
    void anUnreachableParticipantIsA503ParticipantUnavailableAndTheOrderRemoved() throws TransactionException {
        doThrow(unreachable()).when(xaSteps).run(REQUEST, ORDER_ID);

        ParticipantUnavailable answer = catchThrowableOfType(ParticipantUnavailable.class,
                () -> placement.place(REQUEST));

        assertServiceUnavailable(answer);
        assertThat(answer.detail()).contains("a participant could not be reached", "nothing was changed");
        verify(tx).rollback();
        verify(orders).deleteUnsucceeded(ORDER_ID);
    }

    @Test
    void aParticipantsOwn503IsPassedOnAndTheOrderRemoved() throws TransactionException {
        ParticipantUnavailable down = new ParticipantUnavailable("AccountClient#debit answered 500: boom");
        doThrow(down).when(xaSteps).run(REQUEST, ORDER_ID);

        assertThat(catchThrowableOfType(ApiProblem.class, () -> placement.place(REQUEST))).isSameAs(down);
        verify(orders).deleteUnsucceeded(ORDER_ID);
    }

    @Test
    void anUnexpectedStepFailureIsA503OrderStepFailedAndTheOrderRemoved() throws TransactionException {
        doThrow(new IllegalStateException("order 42 is no longer PENDING")).when(xaSteps).run(REQUEST, ORDER_ID);

        OrderStepFailed answer = catchThrowableOfType(OrderStepFailed.class, () -> placement.place(REQUEST));

        assertServiceUnavailable(answer);
        assertThat(answer.detail()).contains("rolled back").doesNotContain("no longer PENDING");
        assertThat(answer.body().getProperties()).containsEntry("orderId", ORDER_ID);
        verify(tx).rollback();
        verify(orders).deleteUnsucceeded(ORDER_ID);
    }

    @Test
    void aRollbackTheCoordinatorCannotTakeStillAnswersTheStepsFailure() throws TransactionException {
        doThrow(unreachable()).when(xaSteps).run(REQUEST, ORDER_ID);
        doThrow(new TransactionException("coordinator gone")).when(tx).rollback();

        // the coordinator rolls back at its timeout; the caller learns what failed first
        assertThat(catchThrowableOfType(ParticipantUnavailable.class, () -> placement.place(REQUEST))).isNotNull();
    }

    // --- nothing began

    @Test
    void aCoordinatorThatCannotBeginIsA503CoordinatorUnavailableAndNothingIsWritten() throws TransactionException {
        doThrow(new TransactionException("no available service 'default'")).when(tx).begin(anyInt(), anyString());

        CoordinatorUnavailable answer = catchThrowableOfType(CoordinatorUnavailable.class,
                () -> placement.place(REQUEST));

        assertServiceUnavailable(answer);
        assertThat(answer.detail()).contains("coordinator").doesNotContain("no available service");
        assertThat(answer.body().getProperties()).containsKey("traceId");
        verify(orders, never()).insert(any(NewOrder.class));
        verify(held).close();
    }

    @Test
    void anOrderDatabaseThatCannotRecordIsA503OrderDatabaseUnavailable() throws TransactionException {
        when(orders.insert(any(NewOrder.class))).thenThrow(new DataAccessResourceFailureException("order_db down"));

        OrderDatabaseUnavailable answer = catchThrowableOfType(OrderDatabaseUnavailable.class,
                () -> placement.place(REQUEST));

        assertServiceUnavailable(answer);
        verify(tx).rollback();
        verifyNoInteractions(xaSteps);
    }

    @Test
    void anotherOrderOfTheUserInFlightIsA409OrderInProgress() {
        when(userLock.tryAcquire(USER)).thenReturn(Optional.empty());

        OrderInProgress answer = catchThrowableOfType(OrderInProgress.class, () -> placement.place(REQUEST));

        assertThat(answer.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.type()).isEqualTo(ProblemTypes.ORDER_IN_PROGRESS);
        verifyNoInteractions(tx);
    }

    @Test
    void aLockThatCannotBeTakenIsA503AndNothingBegins() {
        when(userLock.tryAcquire(USER)).thenThrow(new OrderLockUnavailable("the per-user order lock is unavailable"));

        assertServiceUnavailable(catchThrowableOfType(OrderLockUnavailable.class, () -> placement.place(REQUEST)));
        verifyNoInteractions(tx);
    }

    // --- Idempotency-Key

    @Test
    void theSameKeyWithTheSameRequestAnswersTheFirstOrderAgain() {
        Order first = order(OrderStatus.SUCCESS, REQUEST);
        when(orders.findByIdempotencyKey(USER, "key-1")).thenReturn(Optional.of(first));

        assertThat(placement.place(REQUEST)).isSameAs(first);
        verifyNoInteractions(userLock, tx, xaSteps);
    }

    @Test
    void theSameKeyOfARefusedOrderAnswersTheSameRefusal() {
        when(orders.findByIdempotencyKey(USER, "key-1")).thenReturn(Optional.of(failed(REQUEST,
                "out-of-stock: product 2 has 1 in stock, 3 requested")));

        ApiProblem answer = catchThrowableOfType(ApiProblem.class, () -> placement.place(REQUEST));

        assertThat(answer.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.type()).isEqualTo(ProblemTypes.OUT_OF_STOCK);
        assertThat(answer.detail()).isEqualTo("product 2 has 1 in stock, 3 requested");
        verifyNoInteractions(tx);
    }

    @Test
    void theSameKeyWithAnotherRequestIsA422AndPlacesNothing() {
        OrderRequest other = new OrderRequest(USER, 2, 5, OrderMode.XA, "key-1");
        when(orders.findByIdempotencyKey(USER, "key-1")).thenReturn(Optional.of(order(OrderStatus.SUCCESS, other)));

        ApiProblem answer = catchThrowableOfType(ApiProblem.class, () -> placement.place(REQUEST));

        assertThat(answer.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.type()).isEqualTo(ProblemTypes.IDEMPOTENCY_KEY_REUSED);
        assertThat(answer.detail()).contains("key-1");
        verifyNoInteractions(userLock, tx, xaSteps);
    }

    @Test
    void aConcurrentRequestThatTookTheKeyWithAnotherBodyIsA422() throws TransactionException {
        // both looked before the other wrote; the unique key lets only one row in
        OrderRequest other = new OrderRequest(USER, 7, 1, OrderMode.XA, "key-1");
        when(orders.findByIdempotencyKey(USER, "key-1"))
                .thenReturn(Optional.empty(), Optional.empty(), Optional.of(order(OrderStatus.PENDING, other)));
        when(orders.insert(any(NewOrder.class))).thenThrow(new DuplicateKeyException(
                "Duplicate entry 'key-1' for key 'orders.uk_orders_user_idempotency_key'"));

        ApiProblem answer = catchThrowableOfType(ApiProblem.class, () -> placement.place(REQUEST));

        assertThat(answer.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.type()).isEqualTo(ProblemTypes.IDEMPOTENCY_KEY_REUSED);
        verify(tx).rollback();
        verifyNoInteractions(xaSteps);
    }

    @Test
    void aConcurrentRequestThatTookTheKeyWithTheSameBodyIsAnsweredWithItsOrder() {
        Order theirs = order(OrderStatus.PENDING, REQUEST);
        when(orders.findByIdempotencyKey(USER, "key-1"))
                .thenReturn(Optional.empty(), Optional.empty(), Optional.of(theirs));
        when(orders.insert(any(NewOrder.class))).thenThrow(new DuplicateKeyException(
                "Duplicate entry 'key-1' for key 'orders.uk_orders_user_idempotency_key'"));

        assertThat(placement.place(REQUEST)).isSameAs(theirs);
        verifyNoInteractions(xaSteps);
    }

    private static void assertServiceUnavailable(ApiProblem answer) {
        assertThat(answer).isNotNull();
        assertThat(answer.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.type()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
    }

    private static Order order(OrderStatus status, OrderRequest request) {
        return new Order(ORDER_ID, request.userId(), request.productId(), request.quantity(), new BigDecimal("7.50"),
                status, request.mode(), "xid-1", null, request.idempotencyKey(), request.fingerprint());
    }

    private static Order failed(OrderRequest request, String reason) {
        return new Order(ORDER_ID, request.userId(), request.productId(), request.quantity(), BigDecimal.ZERO,
                OrderStatus.FAILED, request.mode(), "xid-1", reason, request.idempotencyKey(), request.fingerprint());
    }

    private static feign.RetryableException unreachable() {
        feign.Request request = feign.Request.create(feign.Request.HttpMethod.POST, "http://inventory/internal",
                Map.of(), null, StandardCharsets.UTF_8, null);
        return new feign.RetryableException(-1, "Connection refused", feign.Request.HttpMethod.POST, (Long) null,
                request);
    }
}
