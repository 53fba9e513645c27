/// A JSON document as a value, with object keys kept in their written order.
///
/// Profiles are edited by hand, so they are parsed here rather than by `JSONSerialization`:
/// a mistake is reported at its line and column, and key order survives a rewrite.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number's text as written, so that nothing is lost to floating point.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.key == key }?.value
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// An object with `key` set to `value` (replacing it in place, or appended).
  public func setting(_ key: String, to value: JSONValue) -> JSONValue {
    guard case .object(var members) = self else { return .object([(key, value)]) }
    if let i = members.firstIndex(where: { $0.key == key }) {
      members[i].value = value
    } else {
      members.append((key, value))
    }
    return .object(members)
  }

  /// Compact JSON text with keys in order and no escaped slashes.
  public var text: String {
    var out = ""
    write(into: &out, indent: nil, depth: 0)
    return out
  }

  /// Two-space indented JSON text, for files people read.
  public var prettyText: String {
    var out = ""
    write(into: &out, indent: "  ", depth: 0)
    return out + "\n"
  }

  private func write(into out: inout String, indent: String?, depth: Int) {
    let newline = indent.map { "\n" + String(repeating: $0, count: depth + 1) } ?? ""
    let closing = indent.map { "\n" + String(repeating: $0, count: depth) } ?? ""
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): JSONValue.quote(s, into: &out)
    case .array(let items):
      guard !items.isEmpty else { return out += "[]" }
      out += "["
      for (i, item) in items.enumerated() {
        out += (i > 0 ? "," : "") + newline
        item.write(into: &out, indent: indent, depth: depth + 1)
      }
      out += closing + "]"
    case .object(let members):
      guard !members.isEmpty else { return out += "{}" }
      out += "{"
      for (i, member) in members.enumerated() {
        out += (i > 0 ? "," : "") + newline
        JSONValue.quote(member.key, into: &out)
        out += indent == nil ? ":" : ": "
        member.value.write(into: &out, indent: indent, depth: depth + 1)
      }
      out += closing + "}"
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension JSONValue {
  /// The value at a dotted key path (`cancerRisk.smokingPackYears`), or nil.
  public func value(at path: [String]) -> JSONValue? {
    var current: JSONValue? = self
    for key in path { current = current?[key] }
    return current
  }

  /// This object with the value at `path` set, creating intermediate objects as needed.
  public func setting(path: [String], to value: JSONValue) -> JSONValue {
    guard let key = path.first else { return value }
    let child = self[key] ?? .object([])
    return setting(key, to: child.setting(path: Array(path.dropFirst()), to: value))
  }
}
