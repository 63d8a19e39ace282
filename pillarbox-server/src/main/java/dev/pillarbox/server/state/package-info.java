/**
 * Shared policy state ({@code state: redis://...}): greylisting triplets, rate-limit buckets and AUTH failure counts
 * in Redis, so the instances behind one load balancer apply one policy.
 */
package dev.pillarbox.server.state;
