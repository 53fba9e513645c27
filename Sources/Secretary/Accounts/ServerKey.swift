import Foundation

/// The server's own secret: the HMAC key of the web chat's session tokens.
///
/// Kept in `DATA/server.key` (32 random bytes as hex, mode 0600), made on first use; replacing
/// the file signs every open web session out.
public enum ServerKey {
  /// Why the key cannot be had.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The key in `dataDirectory`, created if missing.
  ///
  /// - Throws: `Failure` when the file cannot be written, is not 64 hex digits, or others may
  ///   read it (a key anyone on the machine can read signs anyone in).
  public static func load(dataDirectory: String) throws(Failure) -> [UInt8] {
    let path = (dataDirectory as NSString).appendingPathComponent("server.key")
    if let data = FileManager.default.contents(atPath: path) {
      let mode =
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
      if let mode, mode & 0o077 != 0 {
        throw Failure(description: "'\(path)' can be read by others: chmod 600 it")
      }
      let text = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      guard let key = bytes(hex: text), key.count == 32 else {
        throw Failure(description: "'\(path)' must hold 64 hexadecimal digits")
      }
      return key
    }
    var generator = SystemRandomNumberGenerator()
    let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    do {
      try AtomicFile.write(Array((key.hexString + "\n").utf8), to: path)
    } catch {
      throw Failure(description: error.description)
    }
    return key
  }

  static func bytes(hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    for index in stride(from: 0, to: digits.count, by: 2) {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
        return nil
      }
      out.append(high << 4 | low)
    }
    return out
  }

  private static func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: byte - 48
    case 97...102: byte - 87
    case 65...70: byte - 55
    default: nil
    }
  }
}
