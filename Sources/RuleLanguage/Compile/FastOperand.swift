/// An operand of a fast-lane operator, read inside the operator's own closure.
///
/// A fact or a local read as a closure costs a call per read; comparisons and arithmetic
/// on them are the commonest nodes of a book, so the operator closures are specialised for
/// the read (`FastCompiler.compare`, `wholeConstant`, `whole` and orderings).
protocol FastOperand: Sendable {
  func callAsFunction(_ m: FastMachine) -> Int
}

/// A fact read: a failure when the lane does not hold it for this citizen.
struct FastFactOperand: FastOperand {
  let fact: Int
  @inline(__always) func callAsFunction(_ m: FastMachine) -> Int { m.fact(fact) }
}

/// A local's slot (a function parameter, a binder, a binding already computed).
struct FastSlotOperand: FastOperand {
  let slot: Int
  @inline(__always) func callAsFunction(_ m: FastMachine) -> Int { m.slots[slot] }
}

/// Any other expression.
struct FastEvalOperand: FastOperand {
  let eval: FastEval
  @inline(__always) func callAsFunction(_ m: FastMachine) -> Int { eval(m) }
}

/// Builds an operator's closure for one concrete operand read (generic, so specialised).
protocol FastUnaryBuilder {
  func build<X: FastOperand>(_ x: X) -> FastEval
}

/// Builds an operator's closure for two concrete operand reads.
protocol FastBinaryBuilder {
  func build<X: FastOperand, Y: FastOperand>(_ x: X, _ y: Y) -> FastEval
}

extension FastCompiler {
  /// Calls `builder` with `t` read in place when it is a fact or a slot whose type has no
  /// `none` to check, else with `strictEval` (`strict(t)`).
  static func withOperand<B: FastUnaryBuilder>(
    _ t: FastTyped, _ strictEval: @escaping FastEval, _ builder: B
  ) -> FastEval {
    if !t.type.isOptional, let f = t.fact { return builder.build(FastFactOperand(fact: f)) }
    if !t.type.isOptional, let s = t.slot { return builder.build(FastSlotOperand(slot: s)) }
    return builder.build(FastEvalOperand(eval: strictEval))
  }

  /// `withOperand` for two operands: nine specialisations.
  static func withOperands<B: FastBinaryBuilder>(
    _ ta: FastTyped, _ x: @escaping FastEval, _ tb: FastTyped, _ y: @escaping FastEval,
    _ builder: B
  ) -> FastEval {
    if !tb.type.isOptional, let f = tb.fact {
      return withOperand(ta, x, FastSecondOperand(y: FastFactOperand(fact: f), builder: builder))
    }
    if !tb.type.isOptional, let s = tb.slot {
      return withOperand(ta, x, FastSecondOperand(y: FastSlotOperand(slot: s), builder: builder))
    }
    return withOperand(ta, x, FastSecondOperand(y: FastEvalOperand(eval: y), builder: builder))
  }
}

/// A binary builder with its second operand chosen: what remains is the first.
struct FastSecondOperand<B: FastBinaryBuilder, Y: FastOperand>: FastUnaryBuilder {
  let y: Y
  let builder: B
  func build<X: FastOperand>(_ x: X) -> FastEval { builder.build(x, y) }
}
