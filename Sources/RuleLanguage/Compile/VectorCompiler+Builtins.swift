import Diagnostics

/// Built-in calls in the vector lane: the registry's kernels, lane by lane.
extension VectorCompiler {
  func builtin(_ f: String, _ args: [Typed], _ result: RuleType, at span: SourceSpan) throws
    -> VecTyped
  {
    let site = program.faultSite(span)
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
      return VecTyped(type: result, eval: b.vector(columns, words, site))
    }
  }
}

/// The vector lane's form of each kernel: on every lane when the kernel is cheap
/// (`everyLane`), else on the active ones; a result equal to `none`'s word fails its lane.
/// Where the lane's kernel has no value, the general machine's (on the same words) says
/// whether that is its fault, located at the call (`site`), or a lane limit.
extension Builtins {
  @inline(__always) static func held(_ r: Int?) -> Int? { r == LaneWord.none ? nil : r }

  static func vector1<K: Kernel1>(_: K.Type, _ args: [VecEval], _ site: Int) -> VecEval {
    let (x, c) = (args[0], KernelContext.lane)
    let code: @Sendable (Int) -> Int? = { a in
      K.apply(a, .general) == nil ? Operators.overflowCode : nil
    }
    if K.everyLane {
      return { m in VectorCompiler.map(m, x(m), site: site, { held(K.apply($0, c)) }, code: code) }
    }
    return { m in
      VectorCompiler.mapActive(m, x(m), site: site, { held(K.apply($0, c)) }, code: code)
    }
  }

  static func vectorCalendar<K: CalendarKernel>(_: K.Type, _ args: [VecEval], _ site: Int)
    -> VecEval
  {
    let (x, c) = (args[0], KernelContext.lane)
    return { m in
      let calendar = m.calendar
      return VectorCompiler.mapActive(
        m, x(m), site: site, { held(K.apply($0, c, calendar)) },
        code: { K.apply($0, .general, calendar) == nil ? Operators.overflowCode : nil })
    }
  }

  static func vector2<K: Kernel2>(_: K.Type, _ args: [VecEval], _ site: Int) -> VecEval {
    let (x, y, c) = (args[0], args[1], KernelContext.lane)
    let code: @Sendable (Int, Int) -> Int? = { a, b in
      K.apply(a, b, .general) == nil ? K.fault(a, b) : nil
    }
    if K.everyLane {
      return { m in
        VectorCompiler.zip(m, x(m), y(m), site: site, { held(K.apply($0, $1, c)) }, code: code)
      }
    }
    return { m in
      VectorCompiler.zipActive(m, x(m), y(m), site: site, { held(K.apply($0, $1, c)) }, code: code)
    }
  }

  static func vector3<K: Kernel3>(
    _: K.Type, _ args: [VecEval], _ words: [WordEval?], _ site: Int
  ) -> VecEval {
    let (x, y, z, c) = (args[0], args[1], args[2], KernelContext.lane)
    let code: @Sendable (Int, Int, Int) -> Int? = { a, b, d in
      K.apply(a, b, d, .general) == nil ? K.fault : nil
    }
    if words.count == 3, let second = words[1], let third = words[2] {
      // `date(r, 1, 1)`: the last two the same in every lane.
      return { m in
        let (b, d) = (second(m), third(m))
        return VectorCompiler.mapActive(
          m, x(m), site: site, { held(K.apply($0, b, d, c)) }, code: { code($0, b, d) })
      }
    }
    return { m in
      let (p, q, r, out, active) = (x(m), y(m), z(m), m.column(), m.space.active)
      for i in 0..<m.space.count {
        if active[i] != 0, let v = held(K.apply(p[i], q[i], r[i], c)) {
          out[i] = v
        } else {
          out[i] = 0
          if active[i] != 0 { m.fail(lane: i, site: site, code: code(p[i], q[i], r[i])) }
        }
      }
      return out
    }
  }
}
