/**
 * What a remote {@link io.metagroup.raft.MetadataClient} reports about a running group: the status of each member,
 * a summary of the replicated state, the options of the client and the failure it raises when no member answers.
 */
package io.metagroup.raft.client;
