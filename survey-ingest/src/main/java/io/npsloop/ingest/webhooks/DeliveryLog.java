package io.npsloop.ingest.webhooks;

/** The deliveries already handled, by provider and the provider's delivery id; survives restarts. */
public interface DeliveryLog {

    boolean contains(String provider, String deliveryId);

    void record(String provider, String deliveryId);
}
