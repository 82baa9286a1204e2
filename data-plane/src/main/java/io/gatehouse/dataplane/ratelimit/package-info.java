/**
 * Rate limits (request path step 7): token buckets compiled from a bundle's {@code RateLimit}s, kept
 * in memory or shared through Redis. {@link io.gatehouse.dataplane.ratelimit.RateLimitEngine} is the
 * long-lived part (backend, counters); {@link io.gatehouse.dataplane.ratelimit.RateLimiter} is compiled
 * per bundle and decides one call.
 */
package io.gatehouse.dataplane.ratelimit;
