import CivilCalendar
import Foundation

/// A forward-only scanner over JSON bytes; every method stops (returns nil/false) on bad
/// input instead of trapping.
struct JSONScanner {
  static let idKey = Array("id".utf8)

  let bytes: UnsafeBufferPointer<UInt8>
  var pos = 0
  let end: Int

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    end = bytes.count
  }

  var peek: UInt8 { pos < end ? bytes[pos] : 0 }

  mutating func skipSpace() {
    while pos < end {
      switch bytes[pos] {
      case 0x20, 0x09, 0x0A, 0x0D: pos += 1
      default: return
      }
    }
  }

  mutating func literal(_ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard pos + n <= end else { return false }
    let p = word.utf8Start
    for i in 0..<n where bytes[pos + i] != p[i] { return false }
    pos += n
    return true
  }

  /// The raw bytes between the quotes of a string (escapes left as they are).
  mutating func stringRange() -> Range<Int>? {
    guard peek == UInt8(ascii: "\"") else { return nil }
    pos += 1
    let start = pos
    while pos < end {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        pos += 1
        return start..<(pos - 1)
      }
      pos += b == UInt8(ascii: "\\") ? 2 : 1
    }
    return nil
  }

  func equals(_ range: Range<Int>, _ key: [UInt8]) -> Bool {
    guard range.count == key.count else { return false }
    var i = range.lowerBound
    for k in key {
      if bytes[i] != k { return false }
      i += 1
    }
    return true
  }

  /// `YYYY-MM-DD` between the quotes, or nil.
  func date(_ r: Range<Int>) -> CivilDate? {
    guard r.count == 10 else { return nil }
    let b = r.lowerBound
    guard bytes[b + 4] == UInt8(ascii: "-"), bytes[b + 7] == UInt8(ascii: "-") else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for i in from..<(from + count) {
        let d = bytes[b + i]
        guard d >= 0x30, d <= 0x39 else { return nil }
        v = v * 10 + Int(d - 0x30)
      }
      return v
    }
    guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }

  /// A decoded string (escapes resolved, NFC-normalized if it is not ASCII).
  mutating func string() -> String? {
    guard let r = stringRange() else { return nil }
    let raw = UnsafeBufferPointer(rebasing: bytes[r])
    var ascii = true
    var escaped = false
    for b in raw {
      if b >= 0x80 { ascii = false }
      if b == UInt8(ascii: "\\") { escaped = true }
      if b < 0x20 { return nil }
    }
    var text: String
    if escaped {
      guard let u = JSONScanner.unescape(raw) else { return nil }
      text = u
    } else {
      text = String(decoding: raw, as: UTF8.self)
    }
    if !ascii || escaped { text = text.precomposedStringWithCanonicalMapping }
    return text
  }

  private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
    var out: [UInt8] = []
    var i = 0
    var pendingHigh: UInt32?
    while i < raw.count {
      let b = raw[i]
      guard b == UInt8(ascii: "\\") else {
        out.append(b)
        i += 1
        continue
      }
      guard i + 1 < raw.count else { return nil }
      let e = raw[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        guard i + 4 <= raw.count,
          let v = UInt32(String(decoding: raw[i..<(i + 4)], as: UTF8.self), radix: 16)
        else { return nil }
        i += 4
        var scalarValue = v
        if (0xD800..<0xDC00).contains(v) {
          pendingHigh = v
          continue
        }
        if (0xDC00..<0xE000).contains(v) {
          guard let high = pendingHigh else { return nil }
          scalarValue = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
        }
        pendingHigh = nil
        guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default: return nil
      }
    }
    return String(bytes: out, encoding: .utf8)
  }

  /// An integer or a decimal: the digits as one integer and how many were after the point.
  mutating func number() -> (Int, Int)? {
    var negative = false
    if peek == UInt8(ascii: "-") {
      negative = true
      pos += 1
    }
    var value = 0
    var scale = 0
    var digits = 0
    var fraction = false
    while pos < end {
      let b = bytes[pos]
      if b >= 0x30, b <= 0x39 {
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int(b - 0x30))
        if o1 || o2 { return nil }
        value = a
        digits += 1
        if fraction { scale += 1 }
        pos += 1
      } else if b == UInt8(ascii: "."), !fraction {
        fraction = true
        pos += 1
      } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
        return nil
      } else {
        break
      }
    }
    guard digits > 0, scale <= 6 else { return nil }
    // Trailing zeros after the point do not change an integer ("3.0" is 3 when scale allows).
    return (negative ? -value : value, scale)
  }

  /// Skips one JSON value of any kind; false if the input is malformed.
  mutating func skipValue() -> Bool {
    skipSpace()
    switch peek {
    case UInt8(ascii: "\""): return stringRange() != nil
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      while pos < end {
        let b = bytes[pos]
        if b == UInt8(ascii: "\"") {
          guard stringRange() != nil else { return false }
          continue
        }
        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
        if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
          depth -= 1
          if depth == 0 {
            pos += 1
            return true
          }
        }
        pos += 1
      }
      return false
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    default:
      let start = pos
      while pos < end {
        let b = bytes[pos]
        if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        {
          pos += 1
        } else {
          break
        }
      }
      return pos > start
    }
  }
}
