package io.metagroup.core;

import io.metagroup.spi.Outcome;
import java.util.OptionalLong;

/**
 * One proposer's last {@code capacity} applied sequences and their outcomes: kept in applied order (a ring, the
 * oldest forgotten first) and found by sequence through an open-addressing table, so that remembering and looking
 * up are O(1) whatever the sequences look like. Arrays grow with use up to the capacity.
 */
final class SequenceWindow {
    private static final long FIBONACCI = 0x9E37_79B9_7F4A_7C15L;

    private final int capacity;
    private long[] sequences = new long[4];
    private Outcome[] outcomes = new Outcome[4];
    private int head;
    private int size;
    /** Ring position + 1 of each remembered sequence, 0 for a free slot; at least twice the ring's length. */
    private int[] slots = new int[8];
    private int shift = 64 - 3;

    SequenceWindow(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    /** The {@code i}-th remembered sequence in applied order, the oldest first. */
    long sequenceAt(int i) {
        return sequences[(head + i) % sequences.length];
    }

    /** The outcome of the {@code i}-th remembered sequence in applied order. */
    Outcome outcomeAt(int i) {
        return outcomes[(head + i) % sequences.length];
    }

    /** The outcome remembered for {@code sequence}, or null. */
    Outcome get(long sequence) {
        int slot = find(sequence);
        return slot < 0 ? null : outcomes[slots[slot] - 1];
    }

    /**
     * Remembers {@code sequence} as the newest; when that makes more than the capacity, forgets the oldest.
     *
     * @return the sequence forgotten, if one was
     */
    OptionalLong add(long sequence, Outcome outcome) {
        if (find(sequence) >= 0) {
            throw new IllegalStateException("sequence " + Long.toUnsignedString(sequence) + " is remembered already");
        }
        OptionalLong forgotten = OptionalLong.empty();
        if (size == capacity) {
            long oldest = sequences[head];
            removeSlot(find(oldest));
            outcomes[head] = null;
            head = (head + 1) % sequences.length;
            size--;
            forgotten = OptionalLong.of(oldest);
        } else if (size == sequences.length) {
            grow();
        }
        int position = (head + size) % sequences.length;
        sequences[position] = sequence;
        outcomes[position] = outcome;
        size++;
        insertSlot(position);
        return forgotten;
    }

    private int home(long sequence) {
        return (int) ((sequence * FIBONACCI) >>> shift);
    }

    private int find(long sequence) {
        int mask = slots.length - 1;
        for (int slot = home(sequence); ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (sequences[entry - 1] == sequence) {
                return slot;
            }
        }
    }

    private void insertSlot(int position) {
        int mask = slots.length - 1;
        int slot = home(sequences[position]);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = position + 1;
    }

    // Linear-probing deletion: move later entries of the probe run back so that every lookup still finds them.
    private void removeSlot(int hole) {
        int mask = slots.length - 1;
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            int entry = slots[next];
            if (entry == 0) {
                break;
            }
            int home = home(sequences[entry - 1]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                slots[hole] = entry;
                hole = next;
            }
        }
        slots[hole] = 0;
    }

    private void grow() {
        int length = Math.min(capacity, sequences.length * 2);
        long[] grownSequences = new long[length];
        Outcome[] grownOutcomes = new Outcome[length];
        for (int i = 0; i < size; i++) {
            grownSequences[i] = sequenceAt(i);
            grownOutcomes[i] = outcomeAt(i);
        }
        sequences = grownSequences;
        outcomes = grownOutcomes;
        head = 0;
        int tableSize = Integer.highestOneBit(length * 4 - 1);
        slots = new int[tableSize];
        shift = 64 - Integer.numberOfTrailingZeros(tableSize);
        for (int i = 0; i < size; i++) {
            insertSlot(i);
        }
    }
}
