import CivilCalendar

/// The facts an unknown value is waiting for, as a bit set over fact ids (up to 256 facts).
///
/// A shared immutable object, so a `Value` stays small; unknowns are the rare path in batch
/// evaluation and allocate only when two different sets meet.
public final class FactSet: Sendable {
  private let w0: UInt64
  private let w1: UInt64
  private let w2: UInt64
  private let w3: UInt64

  public static let capacity = 256
  static let empty = FactSet(0, 0, 0, 0)

  private init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
    self.w0 = w0
    self.w1 = w1
    self.w2 = w2
    self.w3 = w3
  }

  convenience init(_ id: Int) {
    let bit = UInt64(1) << UInt64(id & 63)
    let word = id >> 6
    self.init(word == 0 ? bit : 0, word == 1 ? bit : 0, word == 2 ? bit : 0, word >= 3 ? bit : 0)
  }

  /// Facts 0…63 as the bits of a word (the vector lane's missing facts).
  convenience init(bits: Int) {
    self.init(UInt64(UInt(bitPattern: bits)), 0, 0, 0)
  }

  func union(_ o: FactSet) -> FactSet {
    if o === self || o === FactSet.empty { return self }
    if self === FactSet.empty { return o }
    let r = (w0 | o.w0, w1 | o.w1, w2 | o.w2, w3 | o.w3)
    if r == (w0, w1, w2, w3) { return self }
    if r == (o.w0, o.w1, o.w2, o.w3) { return o }
    return FactSet(r.0, r.1, r.2, r.3)
  }

  func contains(_ id: Int) -> Bool {
    let bit = UInt64(1) << UInt64(id & 63)
    switch id >> 6 {
    case 0: return w0 & bit != 0
    case 1: return w1 & bit != 0
    case 2: return w2 & bit != 0
    default: return w3 & bit != 0
    }
  }

  /// Fact ids in ascending order.
  public var ids: [Int] {
    var out: [Int] = []
    for (k, word) in [w0, w1, w2, w3].enumerated() {
      var bits = word
      while bits != 0 {
        out.append(k * 64 + bits.trailingZeroBitCount)
        bits &= bits - 1
      }
    }
    return out
  }
}

/// A runtime value.
///
/// Unknown carries the facts that could decide it; a fault carries an index
/// into the evaluation's fault list (a located error), and both propagate through operators.
enum Value: Sendable {
  case unknown(FactSet)
  case fault(Int)
  case none
  case bool(Bool)
  /// `int` and `money` (won).
  case int(Int)
  /// Scaled by `Decimal6.scale`.
  case decimal(Int)
  /// Days since 1970-01-01.
  case date(Int)
  case duration(months: Int, days: Int)
  case text(String)
  case enumCase(Int)
  case list([Value])
  case record([Value])

  var isDecided: Bool {
    switch self {
    case .unknown, .fault: false
    default: true
    }
  }

  /// Structural equality on decided values (unknown and faults are never equal).
  func same(as other: Value) -> Bool {
    switch (self, other) {
    case (.none, .none): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)), (.decimal(let a), .decimal(let b)),
      (.date(let a), .date(let b)),
      (.enumCase(let a), .enumCase(let b)):
      return a == b
    case (.int(let a), .decimal(let b)), (.decimal(let b), .int(let a)):
      let (x, o) = a.multipliedReportingOverflow(by: Decimal6.scale)
      return !o && x == b
    case (.duration(let m1, let d1), .duration(let m2, let d2)): return m1 == m2 && d1 == d2
    case (.text(let a), .text(let b)): return a == b
    case (.list(let a), .list(let b)), (.record(let a), .record(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.same(as: $1) }
    default: return false
    }
  }
}

/// A located runtime error inside one rule: overflow, division by zero, an impossible date.
public struct RuntimeFault: Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var path: String
  public var line: Int
  public var column: Int

  public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
