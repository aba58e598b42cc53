package dev.labeltune.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The few protobuf wire-format writes ONNX files need: varints and length-delimited fields. */
public final class ProtoWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** @return this message's bytes */
  public byte[] bytes() {
    return out.toByteArray();
  }

  /** @param field field number @param value the value @return this */
  public ProtoWriter varint(int field, long value) {
    writeVarint(out, ((long) field << 3) | OnnxFormat.WIRE_VARINT);
    writeVarint(out, value);
    return this;
  }

  /** @param field field number @param value the value, UTF-8 @return this */
  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** @param field field number @param message an embedded message @return this */
  public ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.bytes());
  }

  /** @param field field number @param value raw bytes @return this */
  public ProtoWriter bytes(int field, byte[] value) {
    writeLengthDelimited(out, field, value);
    return this;
  }

  /** Appends a length-delimited field to a stream. */
  public static void writeLengthDelimited(ByteArrayOutputStream out, int field, byte[] value) {
    writeVarint(out, ((long) field << 3) | OnnxFormat.WIRE_LENGTH_DELIMITED);
    writeVarint(out, value.length);
    out.write(value, 0, value.length);
  }

  /** Appends a base-128 varint to a stream. */
  public static void writeVarint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
