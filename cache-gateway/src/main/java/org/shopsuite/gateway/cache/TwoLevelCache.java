package org.shopsuite.gateway.cache;

import java.util.Optional;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.Tombstone;

/**
 * The read path: L1 (this instance) -> L2 (Redis) -> the owning service, one load per key at a time.
 *
 * <p>What a load found goes into L1 only if the key was not invalidated while it ran (see {@link L1Cache}); what it
 * read from the owner goes into L2 only through the versioned FILL, and if L2 refuses it (it holds something newer)
 * L1 doesn't get it either. So a slow load never puts an older value back after the row changed.
 *
 * <p>L1 and L2 answer only while {@link ChangeStreamVouching} vouches for them (the change stream is not too far
 * behind); otherwise every read goes to the owner, and its answer still fills L2 (versioned by the read's binlog place,
 * so it is exactly ordered) but not L1, which is dropped before it is used again anyway.
 */
public final class TwoLevelCache {

    private final L1Cache l1;
    private final L2Cache l2;
    private final RowOwner owner;
    private final FillPause fillPause;
    private final CacheMetrics metrics;
    private final ChangeStreamVouching vouching;
    private final SingleFlight<CacheKey, CacheRead> loads = new SingleFlight<>();
    private final SingleFlight<CacheKey, CacheRead> unvouchedLoads = new SingleFlight<>();

    public TwoLevelCache(L1Cache l1, L2Cache l2, RowOwner owner, FillPause fillPause, CacheMetrics metrics,
                         ChangeStreamVouching vouching) {
        this.l1 = l1;
        this.l2 = l2;
        this.owner = owner;
        this.fillPause = fillPause;
        this.metrics = metrics;
        this.vouching = vouching;
    }

    /** The row under the key, or a {@link Tombstone} when there is none; throws when the owner can't be asked. */
    public CacheRead read(CacheKey key) {
        if (!vouching.vouches()) {
            metrics.unvouched(key);
            CacheRead read = unvouchedLoads.load(key, () -> loadUnvouched(key));
            metrics.served(key, read.level());
            return read;
        }
        Optional<CachedValue> inL1 = l1.get(key);
        metrics.l1(key, inL1.isPresent());
        CacheRead read = inL1.map(value -> new CacheRead(value, CacheLevel.L1))
                .orElseGet(() -> loads.load(key, () -> load(key)));
        metrics.served(key, read.level());
        return read;
    }

    private CacheRead load(CacheKey key) {
        L1Cache.Mark mark = l1.mark();
        // The load before this one may have finished just after our L1 miss: don't go further than it did.
        Optional<CachedValue> inL1 = l1.get(key);
        if (inL1.isPresent()) {
            return new CacheRead(inL1.get(), CacheLevel.L1);
        }
        Optional<CachedValue> inL2 = l2.read(key);
        if (inL2.isPresent()) {
            l1.putUnlessInvalidatedSince(key, inL2.get(), mark);
            return new CacheRead(inL2.get(), CacheLevel.L2);
        }
        CachedValue fromOwner = readOwner(key);
        fillPause.beforeStoring(key);
        // Changed since we read it? Then canal-sync has written the newer row to L2: store nothing. (The FILL's
        // version check would refuse it too, unless L2 lost the key meanwhile; this doesn't depend on that.)
        if (!l1.invalidatedSince(key, mark) && l2.fill(key, fromOwner) != FillOutcome.REFUSED) {
            l1.putUnlessInvalidatedSince(key, fromOwner, mark);
        }
        return new CacheRead(fromOwner, CacheLevel.MISS);
    }

    /** From the owner, past the caches it cannot vouch for; the answer still fills L2, exactly ordered. */
    private CacheRead loadUnvouched(CacheKey key) {
        CachedValue fromOwner = readOwner(key);
        fillPause.beforeStoring(key);
        l2.fill(key, fromOwner);
        return new CacheRead(fromOwner, CacheLevel.MISS);
    }

    private CachedValue readOwner(CacheKey key) {
        try {
            CachedValue value = owner.read(key);
            metrics.originLoad(key, value instanceof Tombstone ? "not_found" : "found");
            return value;
        } catch (ApiProblem e) {
            metrics.originLoad(key, "failed");
            throw e;
        }
    }
}
