package dev.nncompile.data;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files in the MNIST layout (LeCun): a big-endian magic {@code 0x00000803} then count, rows and columns
 * as big-endian int32, then one unsigned byte per pixel; or magic {@code 0x00000801}, a count, and one unsigned
 * byte per label. A file may be gzip-compressed; that is recognised by its first two bytes (1f 8b), never by its name.
 *
 * <p>Sizes come from an untrusted header, so nothing is allocated from them alone: a plain file is checked against
 * its length first, and gzip data is read in chunks as it arrives, so a lying header costs at most what the file
 * really holds.
 *
 * <pre>{@code
 * IdxFile.Pair train = IdxFile.loadPair(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"));
 * Dataset d = train.toDataset(10);             // raw 0..255 pixels, one-hot targets for 10 classes
 * }</pre>
 */
public final class IdxFile {
    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Most values one file may declare: the largest Java array. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private IdxFile() {
    }

    /** Images as stored: {@code count × rows × cols} unsigned bytes. */
    public record Images(String file, int count, int rows, int cols, byte[] pixels) {
        /** Pixel {@code i} (row-major over images) as 0..255. */
        public int pixel(int i) {
            return pixels[i] & 0xff;
        }

        /** Values per image. */
        public int size() {
            return rows * cols;
        }

        /** All pixels as raw 0..255 floats (normalisation is {@link Normalizer}'s job). */
        public float[] toFloats() {
            float[] out = new float[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = pixels[i] & 0xff;
            }
            return out;
        }

        /** All pixels as raw 0..255 doubles. */
        public double[] toDoubles() {
            double[] out = new double[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = pixels[i] & 0xff;
            }
            return out;
        }
    }

    /** Labels as stored: one unsigned byte per item. */
    public record Labels(String file, int count, byte[] values) {
        /** The labels as class indices 0..255. */
        public int[] toInts() {
            int[] out = new int[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = values[i] & 0xff;
            }
            return out;
        }
    }

    /** Images with their labels, the counts checked equal. */
    public record Pair(Images images, Labels labels) {
        /** Raw pixels as features; labels as {@link Dataset#ofClasses} makes targets for {@code outputs} units. */
        public Dataset toDataset(int outputs) throws DataException {
            return Dataset.ofClasses(labels.file(), null, images.size(), images.toDoubles(), labels.toInts(),
                    outputs);
        }
    }

    /** Reads an images file and a labels file and checks that they hold the same number of items. */
    public static Pair loadPair(Path images, Path labels) throws DataException {
        Images i = readImages(images);
        Labels l = readLabels(labels);
        if (i.count() != l.count()) {
            throw new DataException(labels.toString(), "has " + l.count() + " labels but " + images + " has "
                    + i.count() + " images");
        }
        return new Pair(i, l);
    }

    public static Images readImages(Path path) throws DataException {
        return readImages(readFile(path), path.toString());
    }

    public static Labels readLabels(Path path) throws DataException {
        return readLabels(readFile(path), path.toString());
    }

    /** Parses an images file's bytes (plain or gzip). */
    public static Images readImages(byte[] bytes, String file) throws DataException {
        Parsed p = parse(bytes, file, IMAGES_MAGIC);
        return new Images(file, p.dims[0], p.dims[1], p.dims[2], p.data);
    }

    /** Parses a labels file's bytes (plain or gzip). */
    public static Labels readLabels(byte[] bytes, String file) throws DataException {
        Parsed p = parse(bytes, file, LABELS_MAGIC);
        return new Labels(file, p.dims[0], p.data);
    }

    private record Parsed(int[] dims, byte[] data) {
    }

    private static byte[] readFile(Path path) throws DataException {
        String name = path.toString();
        try {
            long size = Files.size(path);
            if (size > MAX_VALUES) {
                throw new DataException(name, "file of " + size + " bytes is too large");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DataException(name, "no such file");
        } catch (IOException e) {
            throw new DataException(name, "cannot read: " + e.getMessage());
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    private static Parsed parse(byte[] bytes, String file, int expectedMagic) throws DataException {
        boolean gzip = isGzip(bytes);
        try (InputStream raw = gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)
                : new ByteArrayInputStream(bytes)) {
            DataInputStream in = new DataInputStream(raw); // big-endian, as IDX is
            int magic = in.readInt();
            if (magic != expectedMagic) {
                throw new DataException(file, "wrong magic number 0x" + hex(magic) + ", expected 0x"
                        + hex(expectedMagic) + " (" + describe(expectedMagic) + ")"
                        + (magic == IMAGES_MAGIC || magic == LABELS_MAGIC ? "; this is " + describe(magic) : ""));
            }
            int[] dims = new int[expectedMagic & 0xff];
            long total = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 0) {
                    throw new DataException(file, "dimension " + (d + 1) + " is negative ("
                            + Integer.toUnsignedString(dims[d]) + " as unsigned): not an IDX file nncompile reads");
                }
                total *= dims[d]; // cannot overflow: total ≤ 2^31 before, dims[d] < 2^31
                if (total > MAX_VALUES) {
                    throw new DataException(file, "declares " + dimensions(dims, d + 1) + " = more than "
                            + MAX_VALUES + " values, more than nncompile reads");
                }
            }
            int declared = (int) total;
            int header = 4 + 4 * dims.length;
            if (!gzip && bytes.length - header < declared) {
                throw truncated(file, dims, declared, bytes.length - header);
            }
            // readNBytes grows its buffer as data arrives, so a gzip header that lies costs only the real data.
            byte[] data;
            try {
                data = in.readNBytes(declared);
            } catch (EOFException e) {
                // A gzip stream cut short ends with "Unexpected end of ZLIB input stream".
                throw truncated(file, dims, declared, -1);
            }
            if (data.length < declared) {
                throw truncated(file, dims, declared, data.length);
            }
            if (in.read() != -1) {
                throw new DataException(file, "unexpected data after the " + declared + " declared values of "
                        + dimensions(dims, dims.length));
            }
            return new Parsed(dims, data);
        } catch (EOFException e) {
            throw new DataException(file, "truncated: the file ends inside its header");
        } catch (IOException e) {
            // ZipException for corrupt gzip data, or a checksum error at its end.
            throw new DataException(file, "corrupt gzip data: " + e.getMessage());
        }
    }

    private static DataException truncated(String file, int[] dims, int declared, long found) {
        return new DataException(file, "truncated: the header declares " + dimensions(dims, dims.length) + " = "
                + declared + " values, " + (found < 0 ? "the compressed data ends before them"
                : "the file holds " + found));
    }

    private static String dimensions(int[] dims, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i > 0 ? "×" : "").append(dims[i]);
        }
        return out.toString();
    }

    private static String describe(int magic) {
        return magic == IMAGES_MAGIC ? "IDX images, unsigned bytes [n, rows, cols]" : "IDX labels, unsigned bytes [n]";
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
