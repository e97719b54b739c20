package dev.nncompile.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    /** An IDX file per the MNIST layout: big-endian magic and dimensions, then unsigned bytes. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(plain);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Three 2×2 images with pixels 0, 1, ..., 9, 200, 255. */
    static byte[] images() {
        byte[] px = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, (byte) 200, (byte) 255};
        return idx(IdxFile.IMAGES_MAGIC, new int[] {3, 2, 2}, px);
    }

    static byte[] labels(byte... values) {
        return idx(IdxFile.LABELS_MAGIC, new int[] {values.length}, values);
    }

    private static String imageError(byte[] bytes) {
        return assertThrows(DataException.class, () -> IdxFile.readImages(bytes, "img.idx")).getMessage();
    }

    @Test
    void readsPlainAndGzipFilesAlike() throws Exception {
        IdxFile.Images plain = IdxFile.readImages(images(), "img.idx");
        IdxFile.Images packed = IdxFile.readImages(gzip(images()), "img.idx");
        assertEquals(3, plain.count());
        assertEquals(2, plain.rows());
        assertEquals(2, plain.cols());
        assertEquals(255, plain.pixel(11));
        assertArrayEquals(plain.pixels(), packed.pixels());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 200, 255}, plain.toFloats());
    }

    @Test
    void detectsGzipByContentNotByName() throws Exception {
        Path plainNamedGz = dir.resolve("images.gz");
        Path gzNamedPlain = dir.resolve("images.idx");
        Files.write(plainNamedGz, images());
        Files.write(gzNamedPlain, gzip(images()));
        assertArrayEquals(IdxFile.readImages(plainNamedGz).pixels(), IdxFile.readImages(gzNamedPlain).pixels());
    }

    @Test
    void loadPairMakesADataset() throws Exception {
        Path img = dir.resolve("train-images-idx3-ubyte.gz");
        Path lab = dir.resolve("train-labels-idx1-ubyte");
        Files.write(img, gzip(images()));
        Files.write(lab, labels((byte) 2, (byte) 0, (byte) 1));
        IdxFile.Pair pair = IdxFile.loadPair(img, lab);
        Dataset d = pair.toDataset(3);
        assertEquals(3, d.rows());
        assertEquals(4, d.features());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, d.y());
        assertArrayEquals(new double[] {8, 9, 200, 255}, Arrays.copyOfRange(d.x(), 8, 12));
    }

    @Test
    void countMismatchNamesBothFiles() throws Exception {
        Path img = dir.resolve("img.idx");
        Path lab = dir.resolve("lab.idx");
        Files.write(img, images());
        Files.write(lab, labels((byte) 1, (byte) 2));
        assertEquals(lab + ": has 2 labels but " + img + " has 3 images",
                assertThrows(DataException.class, () -> IdxFile.loadPair(img, lab)).getMessage());
    }

    @Test
    void labelOutsideTheClassesNamesTheItem() throws Exception {
        IdxFile.Pair pair = new IdxFile.Pair(IdxFile.readImages(images(), "img"),
                IdxFile.readLabels(labels((byte) 1, (byte) 12, (byte) 0), "lab.idx"));
        assertEquals("lab.idx:2: label 12 outside the 10 classes of the output layer",
                assertThrows(DataException.class, () -> pair.toDataset(10)).getMessage());
    }

    @Test
    void wrongMagicSaysWhatWasFoundAndExpected() {
        assertEquals("img.idx: wrong magic number 0x00000801, expected 0x00000803 (IDX images, unsigned bytes "
                + "[n, rows, cols]); this is IDX labels, unsigned bytes [n]", imageError(labels((byte) 1)));
        assertEquals("img.idx: wrong magic number 0x89504e47, expected 0x00000803 (IDX images, unsigned bytes "
                + "[n, rows, cols])", imageError(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}));
        assertEquals("lab: wrong magic number 0x00000803, expected 0x00000801 (IDX labels, unsigned bytes [n]); "
                + "this is IDX images, unsigned bytes [n, rows, cols]", assertThrows(DataException.class,
                () -> IdxFile.readLabels(images(), "lab")).getMessage());
    }

    @Test
    void truncatedFilesAreReported() {
        byte[] full = images();
        assertEquals("img.idx: truncated: the header declares 3×2×2 = 12 values, the file holds 11",
                imageError(Arrays.copyOf(full, full.length - 1)));
        assertEquals("img.idx: truncated: the file ends inside its header", imageError(Arrays.copyOf(full, 6)));
        assertEquals("img.idx: truncated: the file ends inside its header", imageError(new byte[0]));
        byte[] gz = gzip(full);
        assertEquals("img.idx: truncated: the header declares 3×2×2 = 12 values, the compressed data ends before "
                + "them", imageError(Arrays.copyOf(gz, gz.length - 12)));
    }

    @Test
    void gzipWithFewerBytesThanDeclaredIsTruncated() {
        byte[] shortData = idx(IdxFile.IMAGES_MAGIC, new int[] {3, 2, 2}, new byte[5]);
        assertEquals("img.idx: truncated: the header declares 3×2×2 = 12 values, the file holds 5",
                imageError(gzip(shortData)));
    }

    @Test
    void trailingDataIsRejected() {
        byte[] extra = Arrays.copyOf(images(), images().length + 3);
        assertEquals("img.idx: unexpected data after the 12 declared values of 3×2×2", imageError(extra));
    }

    @Test
    void absurdDimensionsAreRejectedBeforeAnyAllocation() {
        assertEquals("img.idx: declares 65536×65536 = more than 2147483639 values, more than nncompile reads",
                imageError(idx(IdxFile.IMAGES_MAGIC, new int[] {65536, 65536, 1}, new byte[0])));
        assertEquals("img.idx: dimension 1 is negative (4294967295 as unsigned): not an IDX file nncompile reads",
                imageError(idx(IdxFile.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0])));
        // A tiny gzip file whose header claims 2 GB: rejected after reading what is there, not by allocating 2 GB.
        assertEquals("img.idx: truncated: the header declares 2147483639×1×1 = 2147483639 values, the file holds 0",
                imageError(gzip(idx(IdxFile.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE - 8, 1, 1}, new byte[0]))));
    }

    @Test
    void corruptGzipIsReported() {
        byte[] badCrc = gzip(images());
        badCrc[badCrc.length - 8] ^= 1;
        assertEquals("img.idx: corrupt gzip data: Corrupt GZIP trailer", imageError(badCrc));
        byte[] badMethod = gzip(images());
        badMethod[2] = 7;
        assertEquals("img.idx: corrupt gzip data: Unsupported compression method", imageError(badMethod));
    }
}
