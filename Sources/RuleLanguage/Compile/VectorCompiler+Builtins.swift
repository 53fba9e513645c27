/// Built-in calls in the vector lane: the registry's kernels, lane by lane.
extension VectorCompiler {
  func builtin(_ f: String, _ args: [Typed], _ result: RuleType) throws -> VecTyped {
    guard let b = Builtins.table[f], args.count == b.arity else { throw VectorUnsupported() }
    let typed = try args.map { try expr($0) }
    let operands = b.operands(args.map(\.type), result)
    guard operands.allSatisfy(Builtins.isWord), Builtins.isWord(result) else {
      throw VectorUnsupported()
    }
    return try guarded(typed) { typed in
      let columns = try Swift.zip(typed, operands).map { t, o in
        try self.coerce(VecTyped(type: t.type, eval: self.strict(t)), to: o)
      }
      // A word stands for its argument only where reading it needs no conversion.
      let words = Swift.zip(typed, operands).map { t, o in
        t.type.unwrapped == o ? t.uniform : nil
      }
      return VecTyped(type: result, eval: b.vector(columns, words))
    }
  }
}

/// The vector lane's form of each kernel: on every lane when the kernel is cheap
/// (`everyLane`), else on the active ones; a result equal to `none`'s word fails its lane.
extension Builtins {
  @inline(__always) static func held(_ r: Int?) -> Int? { r == LaneWord.none ? nil : r }

  static func vector1<K: Kernel1>(_: K.Type, _ args: [VecEval]) -> VecEval {
    let (x, c) = (args[0], KernelContext.lane)
    if K.everyLane {
      return { m in VectorCompiler.map(m, x(m)) { held(K.apply($0, c)) } }
    }
    return { m in VectorCompiler.mapActive(m, x(m)) { held(K.apply($0, c)) } }
  }

  static func vectorCalendar<K: CalendarKernel>(_: K.Type, _ args: [VecEval]) -> VecEval {
    let (x, c) = (args[0], KernelContext.lane)
    return { m in
      let calendar = m.calendar
      return VectorCompiler.mapActive(m, x(m)) { held(K.apply($0, c, calendar)) }
    }
  }

  static func vector2<K: Kernel2>(_: K.Type, _ args: [VecEval]) -> VecEval {
    let (x, y, c) = (args[0], args[1], KernelContext.lane)
    if K.everyLane {
      return { m in VectorCompiler.zip(m, x(m), y(m)) { held(K.apply($0, $1, c)) } }
    }
    return { m in VectorCompiler.zipActive(m, x(m), y(m)) { held(K.apply($0, $1, c)) } }
  }

  static func vector3<K: Kernel3>(_: K.Type, _ args: [VecEval], _ words: [WordEval?]) -> VecEval {
    let (x, y, z, c) = (args[0], args[1], args[2], KernelContext.lane)
    if words.count == 3, let second = words[1], let third = words[2] {
      // `date(r, 1, 1)`: the last two the same in every lane.
      return { m in
        let (b, d) = (second(m), third(m))
        return VectorCompiler.mapActive(m, x(m)) { held(K.apply($0, b, d, c)) }
      }
    }
    return { m in
      let (p, q, r, out, active) = (x(m), y(m), z(m), m.column(), m.space.active)
      for i in 0..<m.space.count {
        if active[i] != 0, let v = held(K.apply(p[i], q[i], r[i], c)) {
          out[i] = v
        } else {
          out[i] = 0
          if active[i] != 0 { m.fail(lane: i) }
        }
      }
      return out
    }
  }
}
