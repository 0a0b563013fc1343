package io.npsloop.followup.incentives;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Assigns the n-th case of an experiment (n from 0) to an arm by permuted blocks: each block of k
 * consecutive cases (k = number of arms) is a permutation of the arms, shuffled with a seed made of
 * the experiment id and the block number. So the assignment is deterministic (same experiment and
 * number, same arm, on any machine: {@link Random} is specified to the bit), the arms are exactly
 * balanced after every completed block, and never differ by more than one case in between, while
 * an agent cannot predict the next arm from the previous one within a block.
 */
public final class BlockAssignment {

    private BlockAssignment() {
    }

    public static String arm(String experimentId, List<String> arms, long number) {
        if (number < 0) {
            throw new IllegalArgumentException("Assignment numbers start at 0");
        }
        int k = arms.size();
        long block = number / k;
        int position = (int) (number % k);
        return arms.get(permutation(experimentId, k, block)[position]);
    }

    static int[] permutation(String experimentId, int k, long block) {
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Random random = new Random(seed(experimentId) * 31 + block);
        for (int i = k - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** A stable 64-bit hash (FNV-1a) of the id; String.hashCode would do too, but 32 bits collide sooner. */
    private static long seed(String experimentId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : experimentId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
