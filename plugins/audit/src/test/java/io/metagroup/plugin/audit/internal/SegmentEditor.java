package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.internal.SegmentFormat.Frame;
import io.metagroup.plugin.audit.internal.SegmentFormat.Stored;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reads a segment's frames and writes them back changed, with valid CRCs: what someone editing a log would do. */
final class SegmentEditor {
    final Path file;
    final byte[] header;
    final List<Frame> frames = new ArrayList<>();

    SegmentEditor(Path file) throws Exception {
        this.file = file;
        this.header = Arrays.copyOf(Files.readAllBytes(file), SegmentFormat.HEADER_BYTES);
        try (SegmentReader reader = SegmentReader.open(file)) {
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                frames.add(f);
            }
        }
    }

    /** Replaces the record {@code seq} by what {@code edit} makes of it, keeping its stored chain hash. */
    SegmentEditor editRecord(long seq, UnaryOperator<AuditRecord> edit) throws Exception {
        for (int f = 0; f < frames.size(); f++) {
            List<Stored> records = new ArrayList<>(frames.get(f).records());
            for (int r = 0; r < records.size(); r++) {
                Stored s = records.get(r);
                AuditRecord record = SegmentFormat.decodeRecord(s.bytes(), s.chainHash());
                if (record.seq() == seq) {
                    records.set(r, new Stored(SegmentFormat.encodeRecord(edit.apply(record)), s.chainHash()));
                    frames.set(f, new Frame(frames.get(f).index(), records));
                    return this;
                }
            }
        }
        throw new AssertionError("no record " + seq + " in " + file);
    }

    /** Recomputes every chain hash from the header's, as a forger hiding an edit would. */
    SegmentEditor rechain() throws Exception {
        Sha256 head = SegmentFormat.decodeHeader(header).prevHash();
        for (int f = 0; f < frames.size(); f++) {
            List<Stored> records = new ArrayList<>();
            for (Stored s : frames.get(f).records()) {
                head = SegmentFormat.chain(head, s.bytes());
                records.add(new Stored(s.bytes(), head));
            }
            frames.set(f, new Frame(frames.get(f).index(), records));
        }
        return this;
    }

    void write() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        for (Frame f : frames) {
            out.write(SegmentFormat.encodeFrame(f.index(), f.records()));
        }
        Files.write(file, out.toByteArray());
    }
}
