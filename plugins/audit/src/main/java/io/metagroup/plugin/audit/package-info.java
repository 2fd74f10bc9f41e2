/**
 * The API of the {@code audit} plugin: the records it keeps ({@link io.metagroup.plugin.audit.AuditRecord}), the
 * live {@link io.metagroup.plugin.audit.AuditTrail} of a node, {@link io.metagroup.plugin.audit.AuditLog} to verify
 * and read a log directory offline, and the optional {@link io.metagroup.plugin.audit.DescriptorVersionReader} a
 * host provides to record descriptor versions.
 */
package io.metagroup.plugin.audit;
