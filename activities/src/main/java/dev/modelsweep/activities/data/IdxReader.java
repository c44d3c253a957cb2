package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads LeCun's IDX format (MNIST, Fashion-MNIST): an unsigned-byte image file {@code
 * [n, h, w]} (magic {@code 0x00000803}) and an unsigned-byte label file {@code [n]} (magic {@code
 * 0x00000801}), plain or gzip. Pixels are scaled by 1/255 to [0, 1]; the shape is {@code [1, h, w]}.
 */
final class IdxReader {

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  static LabeledData read(String name, Path images, Path labels) throws IOException {
    int[] imageDims = new int[3];
    byte[] pixels = DataFiles.read("dataset.images", images, stream -> {
      DataInputStream in = new DataInputStream(stream);
      System.arraycopy(header(in, 3, "dataset.images", images), 0, imageDims, 0, 3);
      return body(in, (long) imageDims[0] * imageDims[1] * imageDims[2], "dataset.images", images);
    });
    byte[] raw = DataFiles.read("dataset.labels", labels, stream -> {
      DataInputStream in = new DataInputStream(stream);
      int[] labelDims = header(in, 1, "dataset.labels", labels);
      return body(in, labelDims[0], "dataset.labels", labels);
    });
    int n = imageDims[0];
    if (raw.length != n) {
      throw new InvalidSpecException(
          "dataset.labels: " + labels + " holds " + raw.length + " labels but dataset.images " + images
              + " holds " + n + " images; give the label file that belongs to the image file");
    }
    int features = imageDims[1] * imageDims[2];
    float[] x = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      x[i] = (pixels[i] & 0xff) / 255f;
    }
    String[] rawLabels = new String[n];
    for (int i = 0; i < n; i++) {
      rawLabels[i] = Integer.toString(raw[i] & 0xff);
    }
    LabelIndex index = LabelIndex.of(rawLabels, "dataset.labels", labels.toString());
    return new LabeledData(
        name, new Table(x, index.y(), features), index.names(), List.of(1, imageDims[1], imageDims[2]));
  }

  /** The sizes of an IDX header of {@code dims} dimensions: magic, then one int per dimension. */
  private static int[] header(DataInputStream in, int dims, String field, Path file) throws IOException {
    int length = 4 * (1 + dims);
    byte[] bytes = in.readNBytes(length);
    if (bytes.length == 0) {
      throw new InvalidSpecException(field + ": " + file + " is empty; expected an IDX file (idx" + dims + ")");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    int magic = bytes.length >= 4 ? header.getInt() : -1;
    int expected = (UNSIGNED_BYTE << 8) | dims;
    if (bytes.length >= 4 && magic != expected) {
      throw new InvalidSpecException(
          String.format(Locale.ROOT,
              "%s: %s is not an unsigned-byte IDX file with %d dimension(s) (magic 0x%08x, expected 0x%08x);"
                  + " give the %s file (idx%d)",
              field, file, dims, magic, expected, dims == 3 ? "image" : "label", dims));
    }
    if (bytes.length < length) {
      throw new InvalidSpecException(field + ": " + file + ": IDX header cut at " + bytes.length + " bytes (an idx"
          + dims + " header has " + length + "); the file is truncated, replace it with an intact copy");
    }
    int[] sizes = new int[dims];
    long total = 1;
    for (int i = 0; i < dims; i++) {
      sizes[i] = header.getInt();
      total *= sizes[i];
      if (sizes[i] <= 0 || total > Integer.MAX_VALUE - 8) {
        throw new InvalidSpecException(field + ": " + file + " declares an unusable size " + sizes[i]);
      }
    }
    return sizes;
  }

  private static byte[] body(DataInputStream in, long length, String field, Path file) throws IOException {
    byte[] data = new byte[(int) length];
    try {
      in.readFully(data);
    } catch (EOFException e) {
      throw new InvalidSpecException(
          field + ": " + file + " is truncated: its header promises " + length + " bytes of data");
    }
    return data;
  }
}
