/**
 * Join tokens: {@link io.metagroup.plugin.jointoken.JoinToken} (format, generation, parsing, hash),
 * {@link io.metagroup.plugin.jointoken.TokenState} and the applier's read view
 * {@link io.metagroup.plugin.jointoken.JoinTokenStates}, the leader's helpers in
 * {@link io.metagroup.plugin.jointoken.JoinTokens}, and the bundle key of
 * {@link io.metagroup.plugin.jointoken.JoinKeys} over {@link io.metagroup.plugin.jointoken.Hkdf}.
 */
package io.metagroup.plugin.jointoken;
