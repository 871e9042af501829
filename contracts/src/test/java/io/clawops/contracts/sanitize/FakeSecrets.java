package io.clawops.contracts.sanitize;

/**
 * Fake credentials shaped like the real families, assembled at run time so no literal in the
 * repository looks like a secret to a scanner.
 */
final class FakeSecrets {

  static final String GITHUB_CLASSIC = "ghp_" + "A1b2".repeat(9);
  static final String GITHUB_OAUTH = "gho_" + "C3d4".repeat(9);
  static final String GITHUB_USER_TO_SERVER = "ghu_" + "E5f6".repeat(9);
  static final String GITHUB_SERVER_TO_SERVER = "ghs_" + "G7h8".repeat(9);
  static final String GITHUB_REFRESH = "ghr_" + "J9k0".repeat(9);
  static final String GITHUB_FINE_GRAINED =
      "github_" + "pat_" + "11AB2CD3E0" + "_" + "x9Y8".repeat(15);
  static final String OPENAI_LEGACY = "sk" + "-" + "T3Bl".repeat(12);
  static final String OPENAI_PROJECT = "sk" + "-proj-" + "Ab3_dE5-".repeat(10);
  static final String ANTHROPIC = "sk" + "-ant-api03-" + "Zx9Y_w8V-".repeat(10) + "AA";
  static final String AWS_ACCESS_KEY = "AKIA" + "Z7Q2".repeat(4);
  static final String AWS_SESSION_KEY = "ASIA" + "4XK9".repeat(4);
  static final String SLACK_BOT = "xoxb" + "-1234567890-0987654321-" + "aBcD".repeat(6);
  static final String SLACK_USER = "xoxp" + "-1234567890-0987654321-" + "eFgH".repeat(6);
  static final String SLACK_APP_LEVEL = "xoxa" + "-2-1234567890-" + "iJkL".repeat(6);
  static final String SLACK_REFRESH = "xoxr" + "-1234567890-" + "mNoP".repeat(6);
  static final String SLACK_LEGACY = "xoxs" + "-1234567890-" + "qRsT".repeat(6);
  static final String SLACK_ROTATING_REFRESH = "xoxe" + "-1-" + "yZaB".repeat(8);
  static final String SLACK_APP_TOKEN = "xapp" + "-1-A0123BCDE-4567890-" + "uVwX".repeat(6);
  static final String GOOGLE_API_KEY = "AIza" + "Sy9_Xq-4".repeat(4) + "Tb3";
  static final String JWT =
      "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiJjbGF3In0" + "." + "s1gN4tuRe_x".repeat(3);
  static final String OPAQUE_BEARER = "q8Zr3".repeat(6) + ".v2";
  static final String PASSWORD = "Hunter2" + "-" + "n0tR3al!";

  static final String PRIVATE_KEY =
      "-----BEGIN "
          + "RSA PRIVATE KEY-----\n"
          + "MIIEowIBAAKCAQEA7".repeat(4)
          + "\n"
          + "q2Lw9ZbXc3VhT0ms".repeat(4)
          + "\n-----END "
          + "RSA PRIVATE KEY-----";

  static final String PGP_PRIVATE_KEY =
      "-----BEGIN "
          + "PGP PRIVATE KEY BLOCK-----\n"
          + "Version: GnuPG v2\n\n"
          + "lQOYBGNp".repeat(6)
          + "\n="
          + "Pg7V"
          + "\n-----END "
          + "PGP PRIVATE KEY BLOCK-----";

  private FakeSecrets() {}
}
