import CivilCalendar

/// Writes JSON text straight into a byte buffer (sorted nothing, escapes only what JSON needs;
/// Hangul stays as UTF-8, `/` is not escaped).
enum JSONText {
  static func write(_ v: OutputValue, into out: inout [UInt8]) {
    switch v {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let n): integer(n, into: &out)
    case .decimal(let s): out.append(contentsOf: s.utf8)
    case .text(let s): string(s, into: &out)
    case .date(let d):
      out.append(UInt8(ascii: "\""))
      date(d, into: &out)
      out.append(UInt8(ascii: "\""))
    case .duration(let m, let d):
      out.append(contentsOf: #"{"months":"#.utf8)
      integer(m, into: &out)
      out.append(contentsOf: #","days":"#.utf8)
      integer(d, into: &out)
      out.append(UInt8(ascii: "}"))
    case .list(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .record(let fields):
      out.append(UInt8(ascii: "{"))
      for (i, f) in fields.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        string(f.name, into: &out)
        out.append(UInt8(ascii: ":"))
        write(f.value, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    case .unknown(let missing):
      out.append(contentsOf: #"{"unknown":["#.utf8)
      for (i, m) in missing.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        string(m, into: &out)
      }
      out.append(contentsOf: "]}".utf8)
    case .fault(let f):
      out.append(contentsOf: #"{"error":"#.utf8)
      string(f.description, into: &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  static func integer(_ n: Int, into out: inout [UInt8]) {
    if n == 0 {
      out.append(UInt8(ascii: "0"))
      return
    }
    var m = n.magnitude
    if n < 0 { out.append(UInt8(ascii: "-")) }
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      )
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buf in
      while m > 0 {
        buf[count] = UInt8(m % 10) + 0x30
        m /= 10
        count += 1
      }
      for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
    }
  }

  static func date(_ d: CivilDate, into out: inout [UInt8]) {
    if d.year < 0 || d.year > 9999 {
      out.append(contentsOf: d.description.utf8)
      return
    }
    let y = d.year
    out.append(UInt8(y / 1000) + 0x30)
    out.append(UInt8(y / 100 % 10) + 0x30)
    out.append(UInt8(y / 10 % 10) + 0x30)
    out.append(UInt8(y % 10) + 0x30)
    out.append(UInt8(ascii: "-"))
    out.append(UInt8(d.month / 10) + 0x30)
    out.append(UInt8(d.month % 10) + 0x30)
    out.append(UInt8(ascii: "-"))
    out.append(UInt8(d.day / 10) + 0x30)
    out.append(UInt8(d.day % 10) + 0x30)
  }

  static func string(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
      case 0x0A: out.append(contentsOf: #"\n"#.utf8)
      case 0x0D: out.append(contentsOf: #"\r"#.utf8)
      case 0x09: out.append(contentsOf: #"\t"#.utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: #"\u00"#.utf8)
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
