package org.shopsuite.order.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The per-user lock: taken or not without waiting, and a Redis that cannot say is its own failure. */
class PerUserOrderLockTest {

    final RedissonClient redisson = mock(RedissonClient.class);
    final RLock redisLock = mock(RLock.class);
    final PerUserOrderLock lock = new PerUserOrderLock(redisson);

    @BeforeEach
    void oneLockPerUser() {
        when(redisson.getLock("shop:order-lock:user:7")).thenReturn(redisLock);
    }

    @Test
    void aFreeLockIsTakenWithoutWaitingAndReleasedOnClose() throws InterruptedException {
        when(redisLock.tryLock(0, TimeUnit.MILLISECONDS)).thenReturn(true);

        try (PerUserOrderLock.Held held = lock.tryAcquire(7).orElseThrow()) {
            assertThat(held).isNotNull();
        }
        verify(redisLock).unlock();
    }

    @Test
    void aLockAnotherRequestHoldsIsEmpty() throws InterruptedException {
        when(redisLock.tryLock(0, TimeUnit.MILLISECONDS)).thenReturn(false);

        assertThat(lock.tryAcquire(7)).isEmpty();
    }

    @Test
    void aRedisThatCannotAnswerIsA503OrderLockUnavailable() throws InterruptedException {
        when(redisLock.tryLock(0, TimeUnit.MILLISECONDS)).thenThrow(new RedisConnectionException("no master"));

        OrderLockUnavailable failure = catchThrowableOfType(OrderLockUnavailable.class, () -> lock.tryAcquire(7));

        assertThat(failure.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failure.type()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
        // what Redis said goes to the log under the traceId the answer carries, never into the answer
        assertThat(failure.detail()).contains("per-user order lock").doesNotContain("no master");
        assertThat(failure.body().getProperties()).containsKey("traceId");
    }

    @Test
    void aLockLostBeforeReleaseIsNotAnError() throws InterruptedException {
        when(redisLock.tryLock(0, TimeUnit.MILLISECONDS)).thenReturn(true);
        doThrow(new IllegalMonitorStateException("not locked by current thread")).when(redisLock).unlock();

        // the order's answer must not turn into an error because Redis failed over under the lock
        assertThatCode(() -> lock.tryAcquire(7).orElseThrow().close()).doesNotThrowAnyException();
    }
}
