package dev.nncompile.data;

import dev.nncompile.source.BoundedFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a data or weights file whole through {@link BoundedFiles}, reporting every problem as a
 * {@link DataException} naming the file, as the readers report everything else.
 *
 * <pre>{@code
 * byte[] bytes = DataFiles.read(Path.of("iris.csv"), CsvTable.MAX_FILE_BYTES);
 * }</pre>
 */
final class DataFiles {
    private DataFiles() {
    }

    static byte[] read(Path path, long maxBytes) throws DataException {
        try {
            return BoundedFiles.read(path, maxBytes);
        } catch (BoundedFiles.Refused e) {
            throw new DataException(path.toString(), e.detail());
        } catch (IOException e) {
            throw new DataException(path.toString(), "cannot read: " + e.getMessage());
        }
    }
}
