package io.custodia.crypto.age;

import java.util.List;

/**
 * One recipient stanza of an age header: a type, arguments and a binary body. Immutable; the
 * body is copied in and out.
 */
record Stanza(String type, List<String> args, byte[] body) {

  Stanza {
    if (!isValidArgument(type)) {
      throw new IllegalArgumentException("invalid stanza type");
    }
    args = List.copyOf(args);
    for (String a : args) {
      if (!isValidArgument(a)) {
        throw new IllegalArgumentException("invalid stanza argument");
      }
    }
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  int bodyLength() {
    return body.length;
  }

  /** Stanza arguments are non-empty strings of visible US-ASCII (33..126). */
  static boolean isValidArgument(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stanza s && type.equals(s.type) && args.equals(s.args)
        && java.util.Arrays.equals(body, s.body);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + args.hashCode();
  }

  @Override
  public String toString() {
    return "Stanza[" + type + " " + args + ", " + body.length + " body bytes]";
  }
}
