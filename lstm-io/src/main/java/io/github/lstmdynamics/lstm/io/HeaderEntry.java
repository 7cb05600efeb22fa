package io.github.lstmdynamics.lstm.io;

/**
 * One tensor's entry of a safetensors header, as parsed and checked on its own (dtype known, dimensions
 * and offsets non-negative, element count and byte count consistent); not yet checked against the other
 * entries or the data section.
 *
 * @param name     the tensor's name
 * @param dtype    its element type
 * @param shape    its dimensions
 * @param elements the product of the dimensions
 * @param begin    first byte of its data, relative to the data section
 * @param end      one past its last byte, relative to the data section
 */
record HeaderEntry(String name, DType dtype, int[] shape, int elements, long begin, long end) {
}
