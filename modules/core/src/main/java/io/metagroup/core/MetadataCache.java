package io.metagroup.core;

/**
 * The core's own replicated state (SKELETON, in progress): applied index, HLC watermark, leases, drains, cluster
 * version, surrogate HWM, catalog-DDL counter, topology and routing change logs.
 */
public final class MetadataCache {
}
