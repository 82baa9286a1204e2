package io.gatehouse.protocol.api;

import java.util.List;

/**
 * Create or replace a webhook.
 *
 * @param url https URL (http only for localhost)
 * @param events alert types to deliver ({@code DENY_SPIKE, PIN_DRIFT, KILL_SWITCH, POISONING_FINDING,
 *     AUDIT_GAP, AUDIT_BATCH_REJECTED}); empty or null = all
 * @param enabled null = true
 */
public record AlertWebhookRequest(String url, List<String> events, Boolean enabled, String description) {}
