package org.shopsuite.gateway.catalog;

import org.shopsuite.api.account.AccountView;
import org.shopsuite.api.catalog.ProductView;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.security.Callers;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.gateway.cache.CacheLevel;
import org.shopsuite.gateway.cache.CacheRead;
import org.shopsuite.gateway.cache.TwoLevelCache;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products (public) and balances (the owner's, or anyone's with {@code shop.admin}: checked here, before the cache is
 * asked, so a cached balance is never served to another user), served through the two-level cache. The body is exactly what the owning service answers
 * (the row's version stays inside the cache); {@code X-Cache} says where the answer came from, a 404 included.
 */
@RestController
class CatalogController {

    private final TwoLevelCache cache;

    CatalogController(TwoLevelCache cache) {
        this.cache = cache;
    }

    @GetMapping("/api/products/{productId}")
    ResponseEntity<?> product(@PathVariable long productId) {
        CacheRead read = read(CacheKey.product(productId));
        if (!read.found()) {
            return notFound(read, "Product not found", "no product with id " + productId);
        }
        var product = (org.shopsuite.cache.ProductView) read.value();
        return answer(read, new ProductView(product.productId(), product.name(), product.price(), product.stock()));
    }

    @GetMapping("/api/accounts/{userId}")
    ResponseEntity<?> account(@PathVariable long userId) {
        Callers.current().requireMayRead(userId, "the balance");
        CacheRead read = read(CacheKey.account(userId));
        if (!read.found()) {
            return notFound(read, "Account not found", "no account for user " + userId);
        }
        var account = (org.shopsuite.cache.AccountView) read.value();
        return answer(read, new AccountView(account.userId(), account.balance()));
    }

    private CacheRead read(CacheKey key) {
        if (key.id() < 1) {
            // Ids start at 1: for anything less there is nothing to look up, nor anyone to ask.
            throw ApiProblem.notFound("Not found", "no " + key.kind().label() + " with id " + key.id());
        }
        return cache.read(key);
    }

    private static ResponseEntity<Object> answer(CacheRead read, Object view) {
        return ResponseEntity.ok().header(CacheLevel.HEADER, read.level().name()).body(view);
    }

    private static ResponseEntity<Object> notFound(CacheRead read, String title, String detail) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .header(CacheLevel.HEADER, read.level().name())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.notFound(title, detail).body());
    }
}
