package org.shopsuite.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.Tombstone;

/**
 * L1: this instance's copy of rows, in Caffeine. A row lives here at most {@code ttl} (a "no such row" at most
 * {@code negativeTtl}), which bounds staleness even when an invalidation broadcast is lost.
 *
 * <p>It also remembers when each key was last invalidated, because a load that began before an invalidation may
 * hold the value from before the change: such a load must not put it here afterwards. Loads take a {@link Mark}
 * when they begin and store through {@link #putUnlessInvalidatedSince}.
 */
public final class L1Cache {

    /** How long invalidations are remembered: far longer than any load may take (their timeouts are seconds). */
    static final Duration INVALIDATION_MEMORY = Duration.ofMinutes(1);

    private final Ticker ticker;
    private final Cache<CacheKey, Entry> entries;
    /** Per key, the {@link #sequence} number of its latest invalidation. */
    private final Cache<CacheKey, Long> lastInvalidation;
    /** Counts invalidations; a {@link Mark} is its value when a load began. */
    private final AtomicLong sequence = new AtomicLong();
    /** The sequence number of the latest {@link #invalidateAll()}: entries stored by older loads are void. */
    private volatile long lastClear;

    public L1Cache(CacheProperties.L1 settings) {
        this(settings, Ticker.systemTicker());
    }

    L1Cache(CacheProperties.L1 settings, Ticker ticker) {
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(settings.maxEntries())
                .expireAfter(new ExpireAfterWrite(settings.ttl(), settings.negativeTtl()))
                .build();
        this.lastInvalidation = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(INVALIDATION_MEMORY)
                .build();
    }

    /** Taken when a load begins, before it reads L2 or the owner. */
    public record Mark(long sequence, long nanos) {
    }

    public Mark mark() {
        return new Mark(sequence.get(), ticker.read());
    }

    public Optional<CachedValue> get(CacheKey key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null || entry.storedBy().sequence() < lastClear) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /**
     * Stores what a load read, unless the key was invalidated (or L1 cleared) since the load began. Returns whether
     * it stored. Checked and stored under the key's lock, which {@link #invalidate} takes too, so an invalidation
     * either makes this refuse or removes what it stored: never an old value left behind.
     */
    public boolean putUnlessInvalidatedSince(CacheKey key, CachedValue value, Mark mark) {
        Entry stored = entries.asMap().compute(key, (k, current) ->
                invalidatedSince(k, mark) ? current : new Entry(value, mark, ticker.read()));
        return stored != null && stored.value() == value;
    }

    /** Drops the key, and refuses loads in flight that began before now. */
    public void invalidate(CacheKey key) {
        lastInvalidation.put(key, sequence.incrementAndGet()); // first: a load checking after this refuses
        entries.invalidate(key);                                 // then: removes what a load stored before
    }

    /** Drops everything, and refuses every load in flight (they may have missed invalidations). */
    public void invalidateAll() {
        lastClear = sequence.incrementAndGet();
        entries.invalidateAll();
    }

    public long size() {
        return entries.estimatedSize();
    }

    /** Whether the key was invalidated (or L1 cleared) after the mark was taken, as far as L1 can tell. */
    public boolean invalidatedSince(CacheKey key, Mark mark) {
        if (lastClear > mark.sequence()) {
            return true;
        }
        if (ticker.read() - mark.nanos() > INVALIDATION_MEMORY.toNanos()) {
            return true; // began before what we remember: can't tell, so don't trust it
        }
        Long invalidated = lastInvalidation.getIfPresent(key);
        return invalidated != null && invalidated > mark.sequence();
    }

    private record Entry(CachedValue value, Mark storedBy, long storedAtNanos) {
    }

    /**
     * Rows live {@code ttl}, "no such row" {@code negativeTtl}, both counted from when the entry was stored: a refused
     * put hands the same entry back to Caffeine as an update, and that must not extend its life.
     */
    private record ExpireAfterWrite(Duration ttl, Duration negativeTtl) implements Expiry<CacheKey, Entry> {

        @Override
        public long expireAfterCreate(CacheKey key, Entry entry, long now) {
            long lifetime = (entry.value() instanceof Tombstone ? negativeTtl : ttl).toNanos();
            return Math.max(0, lifetime - (now - entry.storedAtNanos()));
        }

        @Override
        public long expireAfterUpdate(CacheKey key, Entry entry, long now, long currentDuration) {
            return expireAfterCreate(key, entry, now);
        }

        @Override
        public long expireAfterRead(CacheKey key, Entry entry, long now, long currentDuration) {
            return currentDuration; // reads never extend a life
        }
    }
}
