package dev.labeltune.torch.onnx;

import dev.labeltune.internal.OnnxFormat;
import java.nio.charset.StandardCharsets;

/**
 * Walks the fields of one protobuf message in a byte array: just enough of the wire format to
 * read ONNX files and copy their fields verbatim.
 */
final class ProtoReader {

  private final byte[] bytes;
  private final int end;
  private int pos;
  private int fieldStart;
  private int tag;
  private int valueStart;
  private int valueEnd;

  ProtoReader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  /** @return whether another field was read; its number, type and value are then available */
  boolean next() {
    if (pos >= end) {
      return false;
    }
    fieldStart = pos;
    long key = readVarint();
    tag = (int) key;
    switch (wireType()) {
      case OnnxFormat.WIRE_VARINT -> {
        valueStart = pos;
        readVarint();
      }
      case OnnxFormat.WIRE_FIXED64 -> {
        valueStart = pos;
        pos += 8;
      }
      case OnnxFormat.WIRE_LENGTH_DELIMITED -> {
        long length = readVarint();
        if (length < 0 || length > end - pos) {
          throw new OnnxFormatException("field " + fieldNumber() + " at byte " + fieldStart
              + " claims " + length + " bytes, past the end of its message: the file is truncated or corrupt");
        }
        valueStart = pos;
        pos += (int) length;
      }
      case OnnxFormat.WIRE_FIXED32 -> {
        valueStart = pos;
        pos += 4;
      }
      default -> throw new OnnxFormatException("unsupported wire type " + wireType() + " at byte "
          + fieldStart + ": not an ONNX file, or a corrupt one");
    }
    if (pos > end) {
      throw new OnnxFormatException("field " + fieldNumber() + " at byte " + fieldStart
          + " runs past the end of its message: the file is truncated or corrupt");
    }
    valueEnd = pos;
    return true;
  }

  int fieldNumber() {
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  /** @return where this field's key starts, for verbatim copies */
  int fieldStart() {
    return fieldStart;
  }

  /** @return where this field (key and value) ends */
  int fieldEnd() {
    return valueEnd;
  }

  int valueStart() {
    return valueStart;
  }

  int valueEnd() {
    return valueEnd;
  }

  long varint() {
    int saved = pos;
    pos = valueStart;
    long v = readVarint();
    pos = saved;
    return v;
  }

  String string() {
    return new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
  }

  /** @return whether bytes remain, for packed repeated fields */
  boolean hasMore() {
    return pos < end;
  }

  /** @return the next element of a packed repeated varint field */
  long readPackedVarint() {
    return readVarint();
  }

  /** @return a reader over this length-delimited field's content */
  ProtoReader message() {
    return new ProtoReader(bytes, valueStart, valueEnd);
  }

  private long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new OnnxFormatException("varint at byte " + pos + " runs past the end: the file is truncated or corrupt");
      }
      byte b = bytes[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new OnnxFormatException("malformed varint before byte " + pos);
  }
}
