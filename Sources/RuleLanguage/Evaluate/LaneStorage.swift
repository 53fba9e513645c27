/// How a fact's value is laid into the lane's words, decided once from its type.
///
/// A plain enum with integer payloads: matching on it copies nothing, where reading a
/// `RuleType` (an indirect enum) retains its box on every citizen.
enum LaneShape {
  /// bool, int, money, date or an enum.
  case scalar(optional: Bool)
  case decimal(optional: Bool)
  case text(optional: Bool)
  /// A list of non-optional scalars (`[date]`).
  case scalarList
  /// A list of records of this record type.
  case recordList(Int)
  case record(Int, optional: Bool)
  /// Anything else: the machine's general loader, guided by the type.
  case other

  init(_ type: RuleType) {
    let optional = type.isOptional
    switch type.unwrapped {
    case .bool, .int, .money, .date, .enumeration: self = .scalar(optional: optional)
    case .decimal: self = .decimal(optional: optional)
    case .text: self = .text(optional: optional)
    case .record(let r): self = .record(r, optional: optional)
    case .list(let element) where !optional:
      switch element {
      case .bool, .int, .money, .date, .enumeration: self = .scalarList
      case .record(let r): self = .recordList(r)
      default: self = .other
      }
    default: self = .other
    }
  }
}

/// Where the type of a value being laid out is found, read only for a shape of `.other`.
///
/// Not a closure: one capturing the machine retained and released it for every fact of
/// every citizen, two atomic operations that cost more than laying the fact out.
enum TypeSite {
  case fact(Int)
  case field(record: Int, index: Int)
  case record(Int)
}

/// Where the lanes lay facts and parameters out: unboxed words, lists and records in an arena.
protocol LaneStorage: AnyObject {
  var arena: UnsafeMutablePointer<Int> { get }
  /// Reserves `count` words of arena; nil when it is full.
  func allocate(_ count: Int) -> Int?
  var recordShapes: [[LaneShape]] { get }
  var recordTypes: [[RuleType]] { get }
  var factTypes: [RuleType] { get }
  /// The book's text constants by interned id, and the same when there are few.
  var textTable: [String: Int] { get }
  var fewTexts: [(String, Int)]? { get }
  /// The id of a text that is none of the book's constants, interned for the batch.
  func batchTextID(_ s: String) -> Int
}

extension LaneStorage {
  /// A book's text constants as pairs when there are few: comparing a handful of texts is
  /// cheaper than hashing one (`textID`).
  static func fewTexts(of texts: [String: Int]) -> [(String, Int)]? {
    texts.count <= 8 ? texts.map { ($0.key, $0.value) } : nil
  }

  /// The parameters in force on `day`, laid out in `values`; `missing` is 1 for one with no
  /// value that day (or one the lane cannot hold), whose reading then fails.
  func loadParams(
    _ params: [ParamInfo], day: Int, into values: UnsafeMutablePointer<Int>,
    missing: UnsafeMutablePointer<Int>
  ) {
    for (i, p) in params.enumerated() {
      var value: Value?
      for row in p.rows where row.since <= day { value = row.value }
      if let value, let v = load(value, p.type) {
        values[i] = v
        missing[i] = 0
      } else {
        missing[i] = 1
      }
    }
  }

  /// A decided value of `type` in the lane's encoding; nil for unknowns, faults and texts or
  /// numbers the lane cannot hold.
  func load(_ v: Value, _ type: RuleType) -> Int? {
    switch v {
    case .none: return type.isOptional ? LaneWord.none : nil
    case .bool(let b): return b ? 1 : 0
    case .int(let n):
      if type.unwrapped == .decimal {
        let (r, o) = n.multipliedReportingOverflow(by: Decimal6.scale)
        return o || r == LaneWord.none ? nil : r
      }
      return n == LaneWord.none ? nil : n
    case .decimal(let n), .date(let n), .enumCase(let n):
      return n == LaneWord.none ? nil : n
    case .duration(let m, let d): return LaneWord.duration(months: m, days: d)
    case .text(let s): return textID(s)
    case .list(let items):
      guard case .list(let element) = type.unwrapped, let at = allocate(items.count + 1) else {
        return nil
      }
      arena[at] = items.count
      for (i, item) in items.enumerated() {
        guard let x = load(item, element) else { return nil }
        arena[at + 1 + i] = x
      }
      return at
    case .record(let fields):
      guard case .record(let r) = type.unwrapped, let at = allocate(fields.count) else {
        return nil
      }
      let types = recordTypes[r]
      for (i, field) in fields.enumerated() {
        guard i < types.count, let x = load(field, types[i]) else { return nil }
        arena[at + i] = x
      }
      return at
    case .unknown, .fault: return nil
    }
  }

  /// `v` laid out as `shape` says; nil for unknowns and values the lane cannot hold.
  func load(_ v: Value, _ shape: LaneShape, at site: TypeSite) -> Int? {
    switch (shape, v) {
    case (.scalar, .int(let n)), (.scalar, .date(let n)), (.scalar, .enumCase(let n)),
      (.decimal, .decimal(let n)):
      return n == LaneWord.none ? nil : n
    case (.scalar, .bool(let b)): return b ? 1 : 0
    case (.scalar(true), .none), (.decimal(true), .none), (.text(true), .none),
      (.record(_, true), .none):
      return LaneWord.none
    case (.text, .text(let s)): return textID(s)
    case (.scalarList, .list(let items)):
      guard let at = allocate(items.count + 1) else { return nil }
      arena[at] = items.count
      for (i, item) in items.enumerated() {
        switch item {
        case .int(let n), .date(let n), .enumCase(let n):
          guard n != LaneWord.none else { return nil }
          arena[at + 1 + i] = n
        case .bool(let b): arena[at + 1 + i] = b ? 1 : 0
        default: return nil
        }
      }
      return at
    case (.recordList(let r), .list(let items)):
      guard let at = allocate(items.count + 1) else { return nil }
      arena[at] = items.count
      for (i, item) in items.enumerated() {
        guard let x = load(item, .record(r, optional: false), at: .record(r)) else { return nil }
        arena[at + 1 + i] = x
      }
      return at
    case (.record(let r, _), .record(let fields)):
      let shapes = recordShapes[r]
      guard fields.count == shapes.count, let at = allocate(fields.count) else { return nil }
      for (i, field) in fields.enumerated() {
        guard let x = load(field, shapes[i], at: .field(record: r, index: i)) else { return nil }
        arena[at + i] = x
      }
      return at
    case (.other, _), (.decimal, .int): return load(v, type(at: site))
    default: return nil
    }
  }

  func type(at site: TypeSite) -> RuleType {
    switch site {
    case .fact(let f): factTypes[f]
    case .field(let r, let i): recordTypes[r][i]
    case .record(let r): .record(r)
    }
  }

  /// A text's interned id: a constant's, else one the batch gives it, so equal texts have
  /// equal ids and the lane compares (and writes) texts as words.
  func textID(_ s: String) -> Int {
    // A handful of constants: comparing is cheaper than hashing.
    if let few = fewTexts {
      for (text, id) in few where text == s { return id }
      return batchTextID(s)
    }
    return textTable[s] ?? batchTextID(s)
  }
}
