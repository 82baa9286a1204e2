package io.gatehouse.controlplane.alerts;

import io.dropwizard.lifecycle.Managed;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, seals the webhook secrets that V7 found in plain text (see {@link
 * WebhookService#sealPlaintextSecrets}). Logs only counts. Without a master key it warns that plain-text secrets
 * remain; a failure is logged and start-up continues (deliveries still work from the rows as they are).
 */
public final class WebhookSecretSealer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSecretSealer.class);

    private final WebhookService webhooks;
    private final Supplier<Set<UUID>> tenants;

    public WebhookSecretSealer(WebhookService webhooks, Supplier<Set<UUID>> tenants) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    @Override
    public void start() {
        try {
            int result = webhooks.sealPlaintextSecrets(tenants.get());
            if (result > 0) {
                LOG.info("alerts: sealed {} webhook secret(s) stored in plain text before V7", result);
            } else if (result < 0) {
                LOG.warn(
                        "alerts: {} webhook secret(s) are still stored in plain text; configure a master key"
                                + " (GATEHOUSE_MASTER_KEY) to seal them",
                        -result);
            }
        } catch (RuntimeException e) {
            LOG.warn("alerts: sealing plain-text webhook secrets failed, retried at the next start ({})", e.toString());
        }
    }
}
