import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON reading for {@code deploy/local.sh demo}, which may not rely on jq: a small strict JSON
 * parser (JDK only) and two commands that print what the shell needs as tab-separated text.
 *
 * <pre>
 *   java DemoJson get FILE PATH...   one line per PATH (dotted, e.g. run.attempt; "-" when absent)
 *   java DemoJson rows FILE...       one line per claw record (GET /api/claws/{id}), the fields of
 *                                    ROW_FIELDS below, tab-separated; a missing or unreadable file
 *                                    prints "-" in every field
 * </pre>
 *
 * Every value is printed on one line: tabs, line breaks and other control characters become
 * spaces, null and absent values print as "-", timestamps ending in "Ms" as epoch milliseconds.
 */
public final class DemoJson {

  /** The fields of {@code rows}, in order. */
  static final String[][] ROW_FIELDS = {
    {"status", "status"},
    {"statusReason", "statusReason"},
    {"statusMessage", "statusMessage"},
    {"connection", "connection"},
    {"attempt", "run.attempt"},
    {"runStartedMs", "run.startedAt"},
    {"deadlineMs", "run.deadlineAt"},
    {"runOutcome", "run.outcome"},
    {"runner", "run.runnerId"},
    {"profile", "run.modelProfile.name"},
    {"lastFailureCode", "lastFailure.code"},
    {"remediation", "lastFailure.remediation"},
    {"hubMessages", "hubMessages.length"},
    {"evidenceAge", "evidenceAgeSeconds"},
  };

  private DemoJson() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: DemoJson get FILE PATH... | DemoJson rows FILE...");
      System.exit(2);
    }
    StringBuilder out = new StringBuilder();
    switch (args[0]) {
      case "get" -> {
        Object root = read(Path.of(args[1]));
        for (int i = 2; i < args.length; i++) {
          out.append(text(at(root, args[i]), args[i])).append('\n');
        }
      }
      case "rows" -> {
        for (int i = 1; i < args.length; i++) {
          Object root = read(Path.of(args[i]));
          List<String> cells = new ArrayList<>();
          for (String[] field : ROW_FIELDS) {
            String value = text(at(root, field[1]), field[0]);
            cells.add(value.isEmpty() ? "-" : value);
          }
          out.append(String.join("\t", cells)).append('\n');
        }
      }
      default -> {
        System.err.println("DemoJson: unknown command " + args[0]);
        System.exit(2);
      }
    }
    System.out.print(out);
    System.out.flush();
  }

  /** The parsed file, or null when it is missing or not JSON. */
  static Object read(Path file) {
    try {
      return new Parser(Files.readString(file, StandardCharsets.UTF_8)).document();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The value at a dotted path ({@code a.b.c}, {@code list.0}, {@code list.length}), or null. */
  static Object at(Object root, String path) {
    Object node = root;
    for (String key : path.split("\\.")) {
      if (node instanceof Map<?, ?> map) {
        node = map.get(key);
      } else if (node instanceof List<?> list) {
        if (key.equals("length")) {
          node = (long) list.size();
        } else {
          try {
            int index = Integer.parseInt(key);
            node = index >= 0 && index < list.size() ? list.get(index) : null;
          } catch (NumberFormatException e) {
            node = null;
          }
        }
      } else {
        return null;
      }
    }
    return node;
  }

  /** One line of text for a value; timestamps as epoch ms when the name ends in "Ms". */
  static String text(Object value, String name) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Map || value instanceof List) {
      return "(" + (value instanceof Map ? "object" : "array") + ")";
    }
    String text = String.valueOf(value);
    if (name.endsWith("Ms") && value instanceof String) {
      try {
        text = Long.toString(Instant.parse(text).toEpochMilli());
      } catch (DateTimeParseException e) {
        text = "-";
      }
    }
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      line.append(Character.isISOControl(c) ? ' ' : c);
    }
    String result = line.toString().strip();
    return result.isEmpty() ? "-" : result;
  }

  /** A strict recursive-descent JSON parser: objects, arrays, strings, numbers, literals. */
  static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Object document() {
      Object value = value(0);
      space();
      if (i != s.length()) {
        throw fail("trailing content");
      }
      return value;
    }

    private Object value(int depth) {
      if (depth > 200) {
        throw fail("nested too deeply");
      }
      space();
      if (i >= s.length()) {
        throw fail("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw fail("unexpected character");
      }
    }

    private Map<String, Object> object(int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      i++; // {
      space();
      if (peek() == '}') {
        i++;
        return map;
      }
      while (true) {
        space();
        if (peek() != '"') {
          throw fail("expected a key");
        }
        String key = string();
        space();
        expect(':');
        map.put(key, value(depth + 1));
        space();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          throw fail("expected , or }");
        }
      }
    }

    private List<Object> array(int depth) {
      List<Object> list = new ArrayList<>();
      i++; // [
      space();
      if (peek() == ']') {
        i++;
        return list;
      }
      while (true) {
        list.add(value(depth + 1));
        space();
        char c = next();
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          throw fail("expected , or ]");
        }
      }
    }

    private String string() {
      i++; // opening quote
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = next();
          switch (e) {
            case '"', '\\', '/' -> b.append(e);
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'u' -> {
              if (i + 4 > s.length()) {
                throw fail("bad escape");
              }
              try {
                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              } catch (NumberFormatException ex) {
                throw fail("bad escape");
              }
              i += 4;
            }
            default -> throw fail("bad escape");
          }
        } else if (c < 0x20) {
          throw fail("control character in string");
        } else {
          b.append(c);
        }
      }
    }

    private String number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String n = s.substring(start, i);
      try {
        Double.parseDouble(n);
      } catch (NumberFormatException e) {
        throw fail("bad number");
      }
      return n;
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, i)) {
        throw fail("bad literal");
      }
      i += word.length();
      return value;
    }

    private void space() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
      if (i >= s.length()) {
        throw fail("unexpected end");
      }
      return s.charAt(i++);
    }

    private void expect(char c) {
      if (next() != c) {
        throw fail("expected " + c);
      }
    }

    private IllegalArgumentException fail(String why) {
      return new IllegalArgumentException(why + " at offset " + i);
    }
  }
}
