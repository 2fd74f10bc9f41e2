/**
 * The Metadata entry model: {@link io.metagroup.model.MetadataEntry} and every variant as an immutable, validated
 * record, the {@link io.metagroup.model.LogRecord} that carries them, and their value types. No dependencies.
 */
module io.metagroup.model {
    exports io.metagroup.model;
}
