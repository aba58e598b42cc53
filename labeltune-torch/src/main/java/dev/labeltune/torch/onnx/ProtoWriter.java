package dev.labeltune.torch.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The few protobuf wire-format writes ONNX files need: varints and length-delimited fields. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** @return this message's bytes */
  byte[] bytes() {
    return out.toByteArray();
  }

  ProtoWriter varint(int field, long value) {
    writeVarint(out, ((long) field << 3) | ProtoReader.VARINT);
    writeVarint(out, value);
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.bytes());
  }

  ProtoWriter bytes(int field, byte[] value) {
    writeLengthDelimited(out, field, value);
    return this;
  }

  static void writeLengthDelimited(ByteArrayOutputStream out, int field, byte[] value) {
    writeVarint(out, ((long) field << 3) | ProtoReader.LENGTH_DELIMITED);
    writeVarint(out, value.length);
    out.write(value, 0, value.length);
  }

  static void writeVarint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
