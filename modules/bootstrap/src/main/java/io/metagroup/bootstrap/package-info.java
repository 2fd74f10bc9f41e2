/**
 * Joining a running group: {@link io.metagroup.bootstrap.Bootstrap} (the node's endpoint and token sweeps),
 * {@link io.metagroup.bootstrap.Joiner} (the joining node's side), {@link io.metagroup.bootstrap.TokenFile} (what
 * {@code metagroup token create} hands the operator), {@link io.metagroup.bootstrap.JoinBundle} (what a joiner
 * receives), {@link io.metagroup.bootstrap.CertificateIssuer}, {@link io.metagroup.bootstrap.KeyFiles} and
 * {@link io.metagroup.bootstrap.JoinException}.
 */
package io.metagroup.bootstrap;
