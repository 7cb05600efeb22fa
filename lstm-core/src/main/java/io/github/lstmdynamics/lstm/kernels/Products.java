package io.github.lstmdynamics.lstm.kernels;

/**
 * The matrix products of the LSTM and the readout, with the choice of algorithm and of cache tiles made
 * here, from the sizes alone, above the {@link Kernels}. Every choice keeps each element's sum the same
 * function of the inputs whatever tile, row range or column range a call covers, so splitting the output
 * between threads (or into tiles) gives bit-identical results.
 *
 * <p>Tiles are sized in bytes of the element type ({@link ArrayKernels#elementBytes()}: 8 for float64, 4
 * for float32), for the cache sizes of the machine the kernels were tuned on (AMD EPYC 7003: 32 KiB L1d, 512 KiB L2 per core).
 */
public final class Products {

    /** Bytes of a tile of B kept resident while the rows of C pass it: half of the 512 KiB L2. */
    static final int BLOCK_BYTES = 256 * 1024;
    /**
     * Widest tile of B: long enough inner loops, short enough to leave room for depth; a multiple of the
     * float32 vector kernels' 24-column blocks (and of every vector width), so tiles leave them no remainder.
     */
    private static final int TILE_COLUMNS = 240;
    /** Results narrower than this many columns are computed as dot products. */
    public static final int NARROW = 16;
    /** Widest result summed in L1 tiles of B by {@link #mult}; wider ones stream well from L2. */
    private static final int SHORT = 64;
    /** Bytes of a tile of B that {@link #mult} keeps in the 32 KiB L1 data cache. */
    private static final int L1_TILE_BYTES = 16 * 1024;
    /** Bytes of a block of result rows kept in L2 while a tile of B passes. */
    private static final int ROW_BLOCK_BYTES = 128 * 1024;

    private Products() {
    }

    /**
     * {@code c[c0 + i][j] += sum_q a[(a0 + i) * aStride + q] * b[q][j]} for {@code i < rows}, {@code q < depth},
     * {@code j < width}: rows of {@code C += A B}, A flat. B larger than a cache block is taken in tiles of at
     * most {@link #TILE_COLUMNS} columns by a multiple of four rows, and all rows of C pass each tile in blocks
     * of {@link #ROW_BLOCK_BYTES}.
     */
    public static <V, M> void multAdd(ArrayKernels<V, M> k, V a, int a0, int aStride, M b, int depth, int width,
            int rows, M c, int c0) {
        multAdd(k, a, null, a0, aStride, b, false, depth, width, rows, c, c0);
    }

    /** As {@link #multAdd(ArrayKernels, Object, int, int, Object, int, int, int, Object, int)} with A as rows. */
    public static <V, M> void multAdd(ArrayKernels<V, M> k, M a, int a0, M b, int depth, int width, int rows,
            M c, int c0) {
        multAdd(k, null, a, a0, 0, b, false, depth, width, rows, c, c0);
    }

    /**
     * As {@link #multAdd(ArrayKernels, Object, int, int, Object, int, int, int, Object, int)} with B packed by
     * {@link ArrayKernels#packRowsAndTranspose}.
     */
    public static <V, M> void multAddPacked(ArrayKernels<V, M> k, V a, int a0, int aStride, M packed, int depth,
            int width, int rows, M c, int c0) {
        multAdd(k, a, null, a0, aStride, packed, true, depth, width, rows, c, c0);
    }

    /** As {@link #multAddPacked(ArrayKernels, Object, int, int, Object, int, int, int, Object, int)} with A as rows. */
    public static <V, M> void multAddPacked(ArrayKernels<V, M> k, M a, int a0, M packed, int depth, int width,
            int rows, M c, int c0) {
        multAdd(k, null, a, a0, 0, packed, true, depth, width, rows, c, c0);
    }

    private static <V, M> void multAdd(ArrayKernels<V, M> k, V aFlat, M aRows, int a0, int aStride, M b,
            boolean packed, int depth, int width, int rows, M c, int c0) {
        int bytes = k.elementBytes();
        int tileColumns = tileColumns(depth, width, bytes);
        int tileDepth = tileDepth(depth, tileColumns, bytes);
        for (int j0 = 0; j0 < width; j0 += tileColumns) {
            int j1 = Math.min(width, j0 + tileColumns);
            int rowBlock = rowBlock(j1 - j0, bytes);
            for (int q0 = 0; q0 < depth; q0 += tileDepth) {
                int q1 = Math.min(depth, q0 + tileDepth);
                for (int i0 = 0; i0 < rows; i0 += rowBlock) {
                    int n = Math.min(rows - i0, rowBlock);
                    if (packed && aRows == null) {
                        k.multAddPackedRows(aFlat, a0 + i0, aStride, b, q0, q1, j0, j1, n, c, c0 + i0);
                    } else if (packed) {
                        k.multAddPackedRows(aRows, a0 + i0, b, q0, q1, j0, j1, n, c, c0 + i0);
                    } else if (aRows == null) {
                        k.multAddRows(aFlat, a0 + i0, aStride, b, q0, q1, j0, j1, n, c, c0 + i0);
                    } else {
                        k.multAddRows(aRows, a0 + i0, b, q0, q1, j0, j1, n, c, c0 + i0);
                    }
                }
            }
        }
    }

    /**
     * Rows {@code [r0, r0 + rows)} of the flat {@code rows x width} result {@code c = A B}, A as rows, B given
     * both as rows ({@code b}, depth rows of width) and transposed ({@code bT}, width rows of depth). Narrow
     * results (below {@link #NARROW} columns) are fused dot products; up to {@link #SHORT} columns are summed
     * into {@code scratch} rows in L1 tiles of B and L2 blocks of rows; wider ones by {@link #multAdd}.
     */
    public static <V, M> void mult(ArrayKernels<V, M> k, M a, int r0, int rows, M b, M bT, int depth,
            int width, M scratch, V c) {
        if (width < NARROW) {
            k.multFused(a, r0, rows, b, bT, depth, width, c);
            return;
        }
        int end = r0 + rows;
        for (int r = r0; r < end; r++) {
            k.zero(k.row(scratch, r), 0, width);
        }
        if (width > SHORT) {
            multAdd(k, a, r0, b, depth, width, rows, scratch, r0);
        } else {
            int tileDepth = Math.min(depth, Math.max(4, (L1_TILE_BYTES / k.elementBytes() / width) & ~3));
            int rowBlock = rowBlock(width, k.elementBytes());
            for (int i0 = r0; i0 < end; i0 += rowBlock) {
                int i1 = Math.min(end, i0 + rowBlock);
                for (int q0 = 0; q0 < depth; q0 += tileDepth) {
                    int q1 = Math.min(depth, q0 + tileDepth);
                    for (int i = i0; i < i1; i++) {
                        k.multAddRow(k.row(a, i), 0, b, q0, q1, 0, width, k.row(scratch, i));
                    }
                }
            }
        }
        for (int r = r0; r < end; r++) {
            System.arraycopy(k.row(scratch, r), 0, c, r * width, width);
        }
    }

    /**
     * Rows {@code [q0, q1)} of the transposed weight gradient {@code dW^T += Y^T D}:
     * {@code wt[q][j] += sum_r y[r * yStride + q] * d[r][j]} over the whole column range {@code [j0, j1)}
     * in one call: long rows stream well from the caches, and blocks of columns measured slower on every
     * path (docs/performance.md).
     */
    public static <V, M> void multAddTransA(ArrayKernels<V, M> k, V y, int yStride, int q0, int q1, M d, int rows,
            int j0, int j1, M wt) {
        k.multAddTransA(y, yStride, q0, q1, d, rows, j0, j1, wt);
    }

    /** Columns of a tile of B: all when B fits a block, else at most {@link #TILE_COLUMNS}. */
    private static int tileColumns(int depth, int width, int bytes) {
        if ((long) depth * width * bytes <= BLOCK_BYTES) {
            return Math.max(1, width);
        }
        return Math.min(width, TILE_COLUMNS);
    }

    /** Rows of C of {@code columns} columns that fill {@link #ROW_BLOCK_BYTES}, at least one. */
    private static int rowBlock(int columns, int bytes) {
        return Math.max(1, ROW_BLOCK_BYTES / bytes / Math.max(1, columns));
    }

    /** Rows of a tile of B: a multiple of four such that the tile fits {@link #BLOCK_BYTES}, at least four. */
    private static int tileDepth(int depth, int tileColumns, int bytes) {
        int d = (BLOCK_BYTES / bytes / tileColumns) & ~3;
        return Math.min(depth, Math.max(4, d));
    }
}
