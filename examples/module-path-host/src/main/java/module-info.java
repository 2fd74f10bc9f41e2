/** A host on the module path: it reads Metagroup's raft module and nothing of Ratis. */
module io.metagroup.example.host {
    requires io.metagroup.raft;
}
