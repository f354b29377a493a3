package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.ProductView;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/**
 * The race every read-through cache has: a fill reads the row, the row changes (canal-sync writes the new version
 * to L2 and broadcasts), and only then does the slow fill get to store what it read. It must store nothing.
 */
class FillRaceIT extends GatewayTestSupport {

    @Test
    void aFillHeldBackUntilAfterTheRowChangedNeverPutsTheOldRowIntoL2OrL1() {
        L1Cache.Mark before = l1.mark();
        long id = db.newProduct("contended", "5.00", 10);
        CacheKey key = CacheKey.product(id);
        awaitSynced(key, before);
        dropFromL2(key);

        HeldFill fill = heldFills.hold(key);
        CompletableFuture<Reply> slowRead = getAsync("/api/products/" + id);
        fill.awaitReached(); // it has read stock 10 from inventory-service
        L1Cache.Mark beforeChange = l1.mark();
        db.update("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);
        // stock 9 in L2, and this gateway got the broadcast
        awaitSynced(key, beforeChange, value -> ((ProductView) value).stock() == 9);
        fill.release();

        Reply slow = slowRead.join();
        assertThat(slow.cache()).isEqualTo("MISS");
        assertThat(slow.json().path("stock").asInt()).isEqualTo(10); // it answers what it read, once
        assertThat(inL2(key)).isInstanceOfSatisfying(ProductView.class, current -> assertThat(current)
                .isEqualTo(new ProductView(id, "contended", new BigDecimal("5.00"), 9, current.version())));
        Reply next = get("/api/products/" + id);
        assertThat(next.cache()).isEqualTo("L2"); // L1 did not keep what the slow fill read
        assertThat(next.json().path("stock").asInt()).isEqualTo(9);
        assertThat(get("/api/products/" + id).cache()).isEqualTo("L1");
        assertThat(get("/api/products/" + id).json().path("stock").asInt()).isEqualTo(9);
    }

    @Test
    void aFillHeldBackWhileL2LostTheNewerRowStillDoesNotWriteTheOldOne() {
        L1Cache.Mark before = l1.mark();
        long userId = db.newUser("70.00");
        CacheKey key = CacheKey.account(userId);
        awaitSynced(key, before);
        dropFromL2(key);

        HeldFill fill = heldFills.hold(key);
        CompletableFuture<Reply> slowRead = getAsync("/api/accounts/" + userId);
        fill.awaitReached();
        L1Cache.Mark beforeChange = l1.mark();
        db.update("account_db", "UPDATE accounts SET balance = 60.00 WHERE user_id = ?", userId);
        awaitSynced(key, beforeChange,
                value -> ((org.shopsuite.cache.AccountView) value).balance().compareTo(new BigDecimal("60.00")) == 0);
        dropFromL2(key); // evicted, or lost in a failover: the version check has nothing to compare with
        fill.release();

        assertThat(slowRead.join().json().path("balance").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(inL2(key)).isNull();
        Reply next = get("/api/accounts/" + userId);
        assertThat(next.cache()).isEqualTo("MISS");
        assertThat(next.json().path("balance").decimalValue()).isEqualByComparingTo("60.00");
    }
}
