package dev.labeltune.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and knows on which line a bad byte sequence is: a JDK reader decodes ahead
 * of the line being read, so its error cannot say where the bytes are. Counts the newline bytes
 * before the bad sequence instead.
 */
final class Utf8Reader extends Reader {
  /** Bytes that are not UTF-8, on a known 1-based line. */
  static final class MalformedLineException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    MalformedLineException(long line, int length) {
      super("a malformed sequence of " + length + " byte" + (length == 1 ? "" : "s"));
      this.line = line;
    }

    long line() {
      return line;
    }
  }

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private long newlines;
  private boolean eof;

  Utf8Reader(InputStream in) {
    this.in = in;
    bytes.flip();
    chars.flip();
  }

  @Override
  public int read(char[] buffer, int off, int len) throws IOException {
    while (!chars.hasRemaining()) {
      if (eof && !bytes.hasRemaining()) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buffer, off, n);
    return n;
  }

  private void fill() throws IOException {
    bytes.compact();
    int read = eof ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (read < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + read);
    }
    bytes.flip();
    chars.clear();
    int start = bytes.position();
    CoderResult result = decoder.decode(bytes, chars, eof);
    if (result.isError()) {
      throw new MalformedLineException(newlines + countNewlines(start, bytes.position()) + 1, result.length());
    }
    if (eof && !bytes.hasRemaining()) {
      decoder.flush(chars);
    }
    newlines += countNewlines(start, bytes.position());
    chars.flip();
  }

  private long countNewlines(int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n += bytes.get(i) == '\n' ? 1 : 0;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
