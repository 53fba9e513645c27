/// Kernels on the general machine's boxed values: each argument read as its operand type,
/// the result boxed as the call's type.
extension Builtins {
  /// Puts the word `v` holds into `w`, scaled when the operand is a decimal; otherwise
  /// returns what the call yields instead (a decimal out of range is an overflow).
  @inline(__always) static func read(_ v: Value, scaled: Bool, into w: inout Int) -> Value? {
    if scaled {
      guard let s = Operators.scaled(v) else { return .fault(Operators.overflowCode) }
      w = s
      return nil
    }
    switch v {
    case .int(let n), .date(let n):
      w = n
      return nil
    case .bool(let b):
      w = b ? 1 : 0
      return nil
    default: return Value.none
    }
  }

  /// How a result is boxed, decided once per call site (comparing `RuleType`s is not free).
  enum Box {
    case int, decimal, date, bool

    init(_ t: RuleType) {
      switch t {
      case .decimal: self = .decimal
      case .date: self = .date
      case .bool: self = .bool
      default: self = .int
      }
    }

    @inline(__always) func callAsFunction(_ r: Int) -> Value {
      switch self {
      case .int: .int(r)
      case .decimal: .decimal(r)
      case .date: .date(r)
      case .bool: .bool(r != 0)
      }
    }
  }

  static func general1<K: Kernel1>(_: K.Type, _ o: [RuleType], _ r: RuleType) -> Builtin.Impl {
    let (t, c, box) = (o[0] == .decimal, KernelContext.general, Box(r))
    return .one { x in
      var a = 0
      if let other = read(x, scaled: t, into: &a) { return other }
      if let v = K.apply(a, c) { return box(v) }
      return .fault(Operators.overflowCode)
    }
  }

  static func generalCalendar<K: CalendarKernel>(_: K.Type, _ o: [RuleType], _ r: RuleType)
    -> Builtin.Impl
  {
    let (t, c, box) = (o[0] == .decimal, KernelContext.general, Box(r))
    return .calendar { calendar, x in
      var a = 0
      if let other = read(x, scaled: t, into: &a) { return other }
      if let v = K.apply(a, c, calendar) { return box(v) }
      return .fault(Operators.overflowCode)
    }
  }

  static func general2<K: Kernel2>(_: K.Type, _ o: [RuleType], _ r: RuleType) -> Builtin.Impl {
    let (t, u, c, box) = (o[0] == .decimal, o[1] == .decimal, KernelContext.general, Box(r))
    return .two { x, y in
      var (a, b) = (0, 0)
      if let other = read(x, scaled: t, into: &a) { return other }
      if let other = read(y, scaled: u, into: &b) { return other }
      if let v = K.apply(a, b, c) { return box(v) }
      return .fault(K.fault(a, b))
    }
  }

  static func general3<K: Kernel3>(_: K.Type, _ o: [RuleType], _ r: RuleType) -> Builtin.Impl {
    let (t, u, v) = (o[0] == .decimal, o[1] == .decimal, o[2] == .decimal)
    let (c, box) = (KernelContext.general, Box(r))
    return .three { x, y, z in
      var (a, b, d) = (0, 0, 0)
      if let other = read(x, scaled: t, into: &a) { return other }
      if let other = read(y, scaled: u, into: &b) { return other }
      if let other = read(z, scaled: v, into: &d) { return other }
      if let v = K.apply(a, b, d, c) { return box(v) }
      return .fault(K.fault)
    }
  }

  /// `min` and `max` keep the case both arguments share (two whole numbers stay whole in a
  /// decimal position, as they were written); mixed cases meet as decimals.
  static func generalOrdered<K: Kernel2>(_: K.Type) -> Builtin.Impl {
    let c = KernelContext.general
    return .two { x, y in
      switch (x, y) {
      case (.int(let a), .int(let b)):
        if let v = K.apply(a, b, c) { return .int(v) }
        return .fault(Operators.overflowCode)
      case (.date(let a), .date(let b)):
        if let v = K.apply(a, b, c) { return .date(v) }
        return .fault(Operators.overflowCode)
      default:
        guard let a = Operators.scaled(x), let b = Operators.scaled(y),
          let r = K.apply(a, b, c)
        else { return .fault(Operators.overflowCode) }
        return .decimal(r)
      }
    }
  }
}
