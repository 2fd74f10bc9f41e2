package io.metagroup.codec;

/**
 * Carries a {@link CodecException} out of a model visitor, whose methods cannot throw checked exceptions. Caught
 * and unwrapped inside the codec; never escapes it.
 */
final class EncodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EncodeFailure(CodecException failure) {
        super(failure.getMessage(), failure, false, false);
    }

    CodecException failure() {
        return (CodecException) getCause();
    }
}
