/// A JSON value to send, written by hand.
///
/// `JSONSerialization` with `.sortedKeys` spent half the server's CPU sorting keys through
/// `NSString` (measured with perf). Named apart from Secretary's parsed `JSONValue`.
///
/// Output matches `JSONSerialization` with `[.sortedKeys, .withoutEscapingSlashes]` for the
/// values we send (a test compares them): compact, `"` `\` and control characters escaped,
/// everything else (Hangul, `/`) written as UTF-8. Object keys are in Unicode scalar order,
/// which for our lowercase ASCII keys is also Foundation's (Foundation sorts other keys
/// case-insensitively).
package enum JSONOutput: Sendable, Equatable {
  /// A string, escaped as JSON requires.
  case string(String)
  /// `true` or `false`.
  case bool(Bool)
  /// An integer.
  case int(Int)
  /// An array, in order.
  case array([JSONOutput])
  /// An object, written with its keys sorted.
  case object([String: JSONOutput])
  /// `null`.
  case null

  /// The compact UTF-8 encoding.
  package var encoded: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(into: &out)
    return out
  }

  /// Appends the encoding to `out`.
  ///
  /// - Parameter out: the buffer.
  package func write(into out: inout [UInt8]) {
    switch self {
    case .string(let string): Self.write(string, into: &out)
    case .bool(let value): out.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    case .int(let value): out.append(contentsOf: String(value).utf8)
    case .null: out.append(contentsOf: Self.nullBytes)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        element.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.write(key, into: &out)
        out.append(UInt8(ascii: ":"))
        members[key]?.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static let trueBytes = Array("true".utf8)
  private static let falseBytes = Array("false".utf8)
  private static let nullBytes = Array("null".utf8)
  private static let hex = Array("0123456789abcdef".utf8)

  private static func write(_ string: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
      case 0x08: out.append(contentsOf: [92, UInt8(ascii: "b")])
      case 0x0C: out.append(contentsOf: [92, UInt8(ascii: "f")])
      case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0..<0x20:
        out.append(contentsOf: [
          92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)],
        ])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSONOutput: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral
{
  /// A string literal is a `.string`.
  package init(stringLiteral value: String) { self = .string(value) }
  /// A boolean literal is a `.bool`.
  package init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An integer literal is an `.int`.
  package init(integerLiteral value: Int) { self = .int(value) }
  /// An array literal is an `.array`.
  package init(arrayLiteral elements: JSONOutput...) { self = .array(elements) }
  /// A dictionary literal is an `.object` (a repeated key keeps its last value).
  package init(dictionaryLiteral elements: (String, JSONOutput)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}
