package io.metagroup.plugin.jointoken;

import io.metagroup.model.Sha256;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The committed join-token states, read from any thread: what the {@code join-token} applier offers the node. Get
 * it with {@code core.applier(JoinTokens.PLUGIN_ID, JoinTokenStates.class)}.
 */
public interface JoinTokenStates {

    /** The state of the token with hash {@code tokenHash}, or empty when no such token was registered. */
    Optional<TokenState> state(Sha256 tokenHash);

    /** Every token's state by ascending hash: a copy. */
    SortedMap<Sha256, TokenState> tokens();
}
