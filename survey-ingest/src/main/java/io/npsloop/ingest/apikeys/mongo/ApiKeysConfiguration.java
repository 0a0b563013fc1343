package io.npsloop.ingest.apikeys.mongo;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;

import com.mongodb.client.MongoDatabase;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.apikeys.ApiKey;
import io.npsloop.ingest.apikeys.ApiKeyAdministration;
import io.npsloop.ingest.apikeys.ApiKeySecrets;
import io.npsloop.ingest.apikeys.ApiKeyStore;
import io.npsloop.ingest.apikeys.ApiKeys;
import io.npsloop.ingest.apikeys.KeyUsage;
import io.npsloop.ingest.apikeys.RateLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key set (configured keys from {@code nps.ingest.api-keys}, managed keys from MongoDB), the
 * admin API's domain service and the periodic refresh of the managed keys.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeysConfiguration {

    @Bean
    ApiKeys apiKeys(IngestProperties properties) {
        return new ApiKeys(properties.apiKeys().stream()
                .map(key -> ApiKey.ofHexHash(key.name(), key.source(), key.sha256(), new HashSet<>(key.scopes()),
                        key.rateLimit() == null ? null : rate(key.rateLimit())))
                .toList());
    }

    @Bean
    KeyUsage keyUsage(Clock clock) {
        return new KeyUsage(clock);
    }

    @Bean
    ApiKeyStore apiKeyStore(MongoDatabase database) {
        return new MongoApiKeyStore(database);
    }

    @Bean
    ApiKeyAdministration apiKeyAdministration(ApiKeys keys, ApiKeyStore store, KeyUsage usage, Clock clock,
            IngestProperties properties) {
        return new ApiKeyAdministration(keys, store, usage, new ApiKeySecrets(new SecureRandom()), rate(properties.rateLimit()), clock);
    }

    @Bean
    ManagedKeysRefresh managedKeysRefresh(ApiKeyAdministration administration, IngestProperties properties) {
        return new ManagedKeysRefresh(administration, properties.apiKeyRefresh());
    }

    static RateLimit rate(IngestProperties.RateLimit configured) {
        return new RateLimit(configured.permits(), configured.period());
    }
}
