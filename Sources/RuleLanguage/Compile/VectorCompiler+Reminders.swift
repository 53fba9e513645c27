/// A rule's reminders in the lane: their windows, notification offsets and message values
/// as output columns, so a citizen whose rules the lane decided needs no general machine to
/// be reminded (`Evaluator.reminders`).
extension VectorCompiler {
  /// Rule `index`'s reminders as a step over the citizens it holds for; nil when it declares
  /// none or the lane cannot compute one of them (the general machine then composes them).
  ///
  /// Each rule is lowered twice (`aware`): the first lowering lays the columns out, the
  /// second computes into the same ones.
  func reminders(_ r: TypedProgram.Rule, index: Int)
    -> (@Sendable (VectorMachine, UnsafeMutablePointer<Int>) -> Void)?
  {
    guard !r.reminders.isEmpty, !aware || program.reminders[index] != nil else { return nil }
    let laidOut = aware ? program.reminderColumns[index] : nil
    var parts: [(column: Int, eval: VecEval)] = []
    var layout: [LaneReminder] = []
    func part(_ e: Typed) throws -> LanePart {
      // A literal (most notification offsets) is read off the program, never computed.
      if case .constant(let v) = e.op { return .constant(v) }
      guard VectorCompiler.writable(e.type) else { throw VectorUnsupported() }
      let eval = try coerce(try expr(e), to: e.type)
      let column = laidOut?[parts.count] ?? program.outputTypes.count
      if laidOut == nil { program.outputTypes.append(e.type) }
      parts.append((column, eval))
      return .column(column)
    }
    do {
      for rem in r.reminders {
        let (start, end) = (try part(rem.start), try part(rem.end))
        let notify = try rem.notify.map { try part($0.offset) }
        var values: [LanePart] = []
        for case .value(let v) in rem.message {
          // `{start}` and `{end}` are the window's own expressions: read once.
          if v.span == rem.start.span && v.type == rem.start.type {
            values.append(start)
          } else if v.span == rem.end.span && v.type == rem.end.type {
            values.append(end)
          } else {
            values.append(try part(v))
          }
        }
        layout.append(LaneReminder(start: start, end: end, notify: notify, values: values))
      }
    } catch {
      program.reminders[index] = nil
      program.reminderColumns[index] = []
      return nil
    }
    if laidOut == nil {
      program.reminders[index] = layout
      program.reminderColumns[index] = parts.map(\.column)
    }
    let (aware, width, steps) = (aware, VectorMachine.width, parts)
    return { m, c in
      let (n, a, failures) = (m.space.count, m.space.active, m.ruleMissing + index * width)
      // The citizens the rule holds for: true, and (with unknowns) decided.
      let holds = m.column()
      var any = 0
      for i in 0..<n {
        holds[i] = a[i] & c[i]
        if aware && failures[i] != 0 { holds[i] = 0 }
        any |= holds[i]
      }
      guard any != 0 else {
        // No failure to take: none may stay from an earlier batch (`endRule` reads them).
        if aware {
          for (column, _) in steps {
            (m.outputMissing + column * width).update(repeating: 0, count: n)
          }
        }
        return
      }
      for (column, eval) in steps {
        let v = m.masked(holds) { eval(m) }
        let out = m.outputs + column * width
        for i in 0..<n { out[i] = holds[i] != 0 ? v[i] : LaneWord.none }
        if aware { m.takeFailures(into: m.outputMissing + column * width) }
      }
    }
  }
}
