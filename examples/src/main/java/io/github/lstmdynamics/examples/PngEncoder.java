package io.github.lstmdynamics.examples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A minimal PNG encoder for opaque RGB images: IHDR, one IDAT (rows with the "Sub" filter, zlib
 * compressed), IEND; no other chunks, so no time stamp and the same image always gives the same
 * bytes. It exists because ImageIO's PNG writer costs a few hundred milliseconds on first use (plugin
 * registry scan, per-row filtering in cold code), a visible share of a run that takes a second or two.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngEncoder() {
    }

    /** Encodes an image of type {@link BufferedImage#TYPE_INT_RGB} as an 8-bit RGB PNG. */
    static byte[] encode(BufferedImage image) throws IOException {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected a TYPE_INT_RGB image; got type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();

        ByteArrayOutputStream compressed = new ByteArrayOutputStream(width * height / 4);
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 3 * width];
            row[0] = 1; // filter type Sub: each byte minus the same channel of the pixel to its left
            for (int y = 0; y < height; y++) {
                int left = 0;
                for (int x = 0, offset = y * width, i = 1; x < width; x++, i += 3) {
                    int rgb = pixels[offset + x];
                    row[i] = (byte) ((rgb >>> 16) - (left >>> 16));
                    row[i + 1] = (byte) ((rgb >>> 8) - (left >>> 8));
                    row[i + 2] = (byte) (rgb - left);
                    left = rgb;
                }
                zlib.write(row);
            }
        } finally {
            deflater.end();
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream(compressed.size() + 64);
        png.write(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour RGB
        // compression 0, filter method 0, no interlace
        writeChunk(png, "IHDR", header);
        writeChunk(png, "IDAT", compressed.toByteArray());
        writeChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] checksum = new byte[4];
        putInt(checksum, 0, (int) crc.getValue());
        out.writeBytes(checksum);
    }

    private static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }
}
