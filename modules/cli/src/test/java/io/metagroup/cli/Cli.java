package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM and checks what it printed. */
final class Cli {
    private Cli() {}

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Metagroup.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** One line on standard error, starting with "metagroup: " and holding {@code expected}; exit {@code code}. */
    static void assertOneLineError(Result r, int code, String expected) {
        assertThat(r.code()).as("exit code; err: %s", r.err()).isEqualTo(code);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("metagroup: ").contains(expected);
    }

    /** Exit 0 and nothing on standard error. */
    static Result assertOk(Result r) {
        assertThat(r.code()).as("exit code; err: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r;
    }
}
