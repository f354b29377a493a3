package org.shopsuite.canalsync;

import org.shopsuite.cache.CacheTtl;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    VersionedCacheWriter versionedCacheWriter(StringRedisTemplate redis) {
        return new VersionedCacheWriter(redis, CacheTtl.DEFAULT);
    }
}
