package org.shopsuite.auth.users;

import org.shopsuite.auth.issuer.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users who can sign in: the seed data's users 1 and 2 and an operator, from {@code shop.auth.users}. A
 * development issuer only: a real deployment signs users in at its own OpenID Connect provider.
 */
@Configuration(proxyBeanMethods = false)
class SeedUsers {

    @Bean
    InMemoryUserDetailsManager userDetailsService(IssuerProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (IssuerProperties.SeedUser seed : properties.users()) {
            users.createUser(User.withUsername(seed.username())
                    // kept as given ({noop}): a generated development password, held in memory only
                    .password("{noop}" + seed.password())
                    .roles(seed.admin() ? new String[] {"USER", "ADMIN"} : new String[] {"USER"})
                    .build());
        }
        return users;
    }
}
