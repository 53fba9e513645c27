import Foundation

/// Builds the DATA section of a plain-text e-mail for a notice (RFC 5322, RFC 2047, RFC 5321).
public enum SMTPMessage {
  /// The message with CRLF line ends and dot-stuffing, ending with the lone-dot terminator.
  ///
  /// - Parameters:
  ///   - notice: the notice; `title` becomes the subject, `body` the text, `recipient` the `To`.
  ///   - from: the envelope and header sender.
  ///   - date: the `Date` header's instant.
  ///   - domain: the right-hand side of the `Message-ID` (`<key@domain>`).
  /// - Returns: the bytes to send after the `354` reply.
  public static func data(for notice: Notice, from: String, date: Date, domain: String) -> [UInt8] {
    let ascii = notice.body.unicodeScalars.allSatisfy(\.isASCII)
    var lines = [
      "From: <\(from)>",
      "To: <\(notice.recipient)>",
      "Subject: " + encodedWords(notice.title.replacingNewlines()).joined(separator: "\r\n "),
      "Date: " + rfc5322Date(date),
      "Message-ID: <\(notice.key)@\(domain)>",
      "X-Biseo-Key: \(notice.key)",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: " + (ascii ? "7bit" : "base64"),
      "",
    ]
    let text = notice.body.replacingOccurrences(of: "\r\n", with: "\n")
    if ascii {
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    } else {
      let encoded = Array(
        Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString())
      lines += stride(from: 0, to: encoded.count, by: 76).map {
        String(encoded[$0..<min($0 + 76, encoded.count)])
      }
    }
    return Array(dotStuffed(lines).utf8)
  }

  /// Joins `lines` with CRLF, doubling a leading `.` on any line, and appends `CRLF . CRLF`.
  public static func dotStuffed(_ lines: [String]) -> String {
    lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n.\r\n"
  }

  /// `text` as-is if it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words of at most 75
  /// characters each, never splitting a character's UTF-8 bytes across words.
  public static func encodedWords(_ text: String) -> [String] {
    if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0 != "=" }) {
      return [text]
    }
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

  /// `date` as an RFC 5322 date-time in UTC, such as `Thu, 17 Dec 2026 00:00:00 +0000`.
  public static func rfc5322Date(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
    return formatter.string(from: date)
  }
}
