/// The static type of an expression, a fact, a parameter or an output.
indirect enum RuleType: Hashable, Sendable {
  case bool, int, money, decimal, text, date, duration
  case enumeration(Int)
  case record(Int)
  case list(RuleType)
  case optional(RuleType)
  /// The type of the literal `none`: fits any optional.
  case none
  /// Stands for an expression that already failed to check; matches anything silently.
  case error

  var unwrapped: RuleType {
    if case .optional(let t) = self { return t }
    return self
  }

  var isOptional: Bool {
    switch self {
    case .optional, .none: true
    default: false
    }
  }

  var optional: RuleType {
    switch self {
    case .optional, .none, .error: self
    default: .optional(self)
    }
  }

  var isNumeric: Bool { self == .int || self == .money || self == .decimal }

  /// Whether a value of type `self` may stand where `target` is expected.
  func fits(_ target: RuleType) -> Bool {
    if self == target || self == .error || target == .error { return true }
    switch (self, target) {
    case (.none, .optional): return true
    case (.int, .money), (.int, .decimal): return true
    case (.optional(let a), .optional(let b)): return a.fits(b)
    case (_, .optional(let b)): return fits(b)
    case (.list(let a), .list(let b)): return a.fits(b)
    default: return false
    }
  }

  /// The smallest type both fit, as for the branches of `if`.
  func join(_ other: RuleType) -> RuleType? {
    if fits(other) { return other == .error ? self : other }
    if other.fits(self) { return self }
    if self == .none { return other.optional }
    if other == .none { return optional }
    if case .optional(let a) = self, let j = a.join(other.unwrapped) { return j.optional }
    if case .optional(let b) = other, let j = join(b) { return j.optional }
    return nil
  }
}

/// Names of enums and records, for messages.
struct TypeNames: Sendable {
  var enums: [String] = []
  var records: [String] = []

  func describe(_ t: RuleType) -> String {
    switch t {
    case .bool: "bool"
    case .int: "int"
    case .money: "money"
    case .decimal: "decimal"
    case .text: "text"
    case .date: "date"
    case .duration: "duration"
    case .enumeration(let i): enums[i]
    case .record(let i): records[i]
    case .list(let e): "[\(describe(e))]"
    case .optional(let e): "\(describe(e))?"
    case .none: "none"
    case .error: "<error>"
    }
  }
}
