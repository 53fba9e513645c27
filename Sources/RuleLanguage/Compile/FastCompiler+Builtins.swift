/// Built-in calls in the fast lane: the registry's kernels on words, citizen by citizen.
extension FastCompiler {
  func builtin(_ f: String, _ args: [Typed], _ result: RuleType) throws -> FastTyped {
    guard let b = Builtins.table[f], args.count == b.arity else { throw FastUnsupported() }
    if f == "year", case .today = args[0].op {
      return FastTyped(type: .int, eval: { m in m.todayYear })
    }
    let typed = try args.map { try expr($0) }
    let operands = b.operands(args.map(\.type), result)
    guard operands.allSatisfy(Builtins.isWord), Builtins.isWord(result) else {
      throw FastUnsupported()
    }
    let words = try zip(typed, operands).map { t, o in
      try coerce(FastTyped(type: t.type, eval: strict(t)), to: o)
    }
    return FastTyped(type: result, eval: b.fast(words))
  }
}

/// The fast lane's form of each kernel: a result equal to `none`'s word cannot be held, so it
/// fails the citizen to the general machine like a fault.
extension Builtins {
  static func fast1<K: Kernel1>(_: K.Type, _ args: [FastEval]) -> FastEval {
    let (a, c) = (args[0], KernelContext.lane)
    return { m in
      guard let r = K.apply(a(m), c), r != FastValue.none else { return m.fail() }
      return r
    }
  }

  static func fastCalendar<K: CalendarKernel>(_: K.Type, _ args: [FastEval]) -> FastEval {
    let (a, c) = (args[0], KernelContext.lane)
    return { m in
      guard let r = K.apply(a(m), c, m.calendar), r != FastValue.none else { return m.fail() }
      return r
    }
  }

  static func fast2<K: Kernel2>(_: K.Type, _ args: [FastEval]) -> FastEval {
    let (a, b, c) = (args[0], args[1], KernelContext.lane)
    return { m in
      let x = a(m)
      guard let r = K.apply(x, b(m), c), r != FastValue.none else { return m.fail() }
      return r
    }
  }

  static func fast3<K: Kernel3>(_: K.Type, _ args: [FastEval]) -> FastEval {
    let (a, b, d, c) = (args[0], args[1], args[2], KernelContext.lane)
    return { m in
      let x = a(m)
      let y = b(m)
      guard let r = K.apply(x, y, d(m), c), r != FastValue.none else { return m.fail() }
      return r
    }
  }
}
