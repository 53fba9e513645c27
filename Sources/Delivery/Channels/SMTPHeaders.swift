import Foundation

/// Header pieces of an e-mail: encoded-words, addresses with display names, dates, Message-IDs.
public enum SMTPHeaders {
  /// `text` as-is if it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words of at most 75
  /// characters each, never splitting a character's UTF-8 bytes across words.
  public static func encodedWords(_ text: String) -> [String] {
    if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0 != "=" }) {
      return [text]
    }
    return forcedEncodedWords(text)
  }

  /// `text` always as RFC 2047 encoded-words (a display name with specials needs them too).
  static func forcedEncodedWords(_ text: String) -> [String] {
    // "=?UTF-8?B?" + base64 + "?=" ≤ 75 leaves 63 base64 characters, i.e. 45 bytes.
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in text {
      let bytes = Array(String(character).utf8)
      if chunk.count + bytes.count > 45, !chunk.isEmpty {
        words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
    return words
  }

  /// A mailbox: `Name <addr>` with the name as encoded-words, or `<addr>` without a name.
  ///
  /// Plain letters, digits and spaces stay readable; anything else (Hangul, RFC 5322 specials
  /// such as `,` or `"`) is encoded, which is always a valid phrase.
  public static func mailbox(_ address: String, name: String) -> String {
    let name = name.replacingNewlines().trimmingCharacters(in: .whitespaces)
    if name.isEmpty { return "<\(address)>" }
    let plain = name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " ")
    }
    let phrase = plain ? [name] : forcedEncodedWords(name)
    return phrase.joined(separator: "\r\n ") + " <\(address)>"
  }

  /// `<hash@domain>`: the first 128 bits of SHA-256(key) in hex.
  ///
  /// A hash because reminder keys hold `:`, which RFC 5322's `dot-atom-text` does not allow;
  /// the same key gives the same id on every retry, so downstream can recognise a repeat.
  public static func messageID(key: String, domain: String) -> String {
    "<" + Array(SHA256.hash(Array(key.utf8)).prefix(16)).hexString + "@" + domain + ">"
  }

  /// Whether `domain` is a dot-atom usable on the right of a Message-ID.
  public static func isDotAtom(_ domain: String) -> Bool {
    let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~"))
    let parts = domain.split(separator: ".", omittingEmptySubsequences: false)
    return !domain.isEmpty
      && parts.allSatisfy { part in
        !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && atext.contains($0) }
      }
  }

  /// `date` as an RFC 5322 date-time in UTC, such as `Thu, 17 Dec 2026 00:00:00 +0000`.
  public static func rfc5322Date(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
    return formatter.string(from: date)
  }
}
