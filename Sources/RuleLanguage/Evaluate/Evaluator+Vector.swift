import CivilCalendar

/// Batch evaluation through the vector lane: citizens are decoded into its columns, run a
/// batch at a time, and each one is handed to the fast lane's slots (rules the lane gave up
/// marked so), so it is written exactly as the fast lane writes it and the general machine
/// decides only what the lanes did not.
extension Evaluator {
  /// Runs the vector lane over `profiles` (at most `VectorMachine.width`); then `select(_:of:)`
  /// makes each one the current citizen, as `compute(_:asOf:)` would.
  ///
  /// - Returns: false when the book has no vector lane (callers use `compute` instead).
  @discardableResult
  public func compute(batch profiles: UnsafeBufferPointer<Profile>, asOf: CivilDate) -> Bool {
    guard let vector, fastLaneEnabled, vectorLaneEnabled else { return false }
    vector.run(profiles, day: asOf.dayNumber)
    return true
  }

  /// `profiles` (at most `VectorMachine.width`) as the vector lane lays them out, to keep a
  /// population in memory for `compute(columns:asOf:)`; nil without a vector lane.
  public func columns(of profiles: UnsafeBufferPointer<Profile>) -> ProfileColumns? {
    guard let vector else { return nil }
    vector.load(profiles)
    return vector.save()
  }

  /// `compute(batch:asOf:)` for a batch already laid out (`columns(of:)`); `select` then
  /// needs the same profiles, for the citizens the lane leaves to the others.
  @discardableResult
  public func compute(columns: ProfileColumns, asOf: CivilDate) -> Bool {
    guard let vector, fastLaneEnabled, vectorLaneEnabled else { return false }
    vector.restore(columns)
    vector.run(day: asOf.dayNumber)
    return true
  }

  /// After `compute(batch:asOf:)`, whether rule `r` holds for citizen `i` of the batch; nil
  /// when the vector lane left any rule of the citizen to the others (then `select` the
  /// citizen, which runs those, and ask `holds`).
  public func holds(_ r: Int, citizen i: Int) -> Bool? {
    guard let vector, i < vector.batchCount, vector.runsEveryRule, vector.anyUndecided[i] == 0
    else { return nil }
    return vector.ruleValues[r * VectorMachine.width + i] == 1
  }

  /// After `compute(batch:asOf:)`, makes citizen `i` of the batch the current one (for
  /// `holds`, or writing its line): from the vector lane when it decided the citizen.
  public func select(_ i: Int, of profiles: UnsafeBufferPointer<Profile>, asOf: CivilDate) {
    guard adopt(i, day: asOf.dayNumber) else {
      compute(profiles[i], asOf: asOf)
      return
    }
    lastFast = true
    lanes.pointee.fastCount += 1
    runGeneralRules(profiles[i], asOf: asOf)
  }

  /// Copies citizen `i`'s rules and outputs from the vector lane into the fast lane's slots;
  /// a rule the vector lane gave up on for the citizen is given up in the fast lane's slots
  /// too, so the general machine decides it (as when the fast lane gives up on one).
  ///
  /// - Returns: false when nothing could be copied (the citizen takes the fast lane).
  private func adopt(_ i: Int, day: Int) -> Bool {
    guard let vector, let fast, i < vector.batchCount else { return false }
    fast.adopt(day: day)
    let width = VectorMachine.width
    for r in 0..<vector.program.ruleCount where !generalRule[r] {
      if vector.undecided[r * width + i] != 0 {
        fast.giveUp(rule: r)
      } else {
        fast.rules[r] = vector.ruleValues[r * width + i]
      }
    }
    for o in 0..<vector.program.outputCount where !generalOutput[o] {
      if fast.isUndecided(outputRule[o]) { continue }
      let x = vector.outputs[o * width + i]
      if case .list = fast.program.outputTypes[o].unwrapped, x != FastValue.none {
        guard vector.isList(x), let at = fast.copyList(vector.arena + x) else { return false }
        fast.outputs[o] = at
      } else {
        fast.outputs[o] = x
      }
    }
    lanes.pointee.vectorCount += 1
    return true
  }

  /// Decodes one JSON Lines profile straight into the vector lane's columns.
  ///
  /// Its line is appended to `out` when the batch is full or on `flushLines`; without a
  /// vector lane it is evaluated at once.
  ///
  /// - Returns: whether the citizen was in `shard` (always, without one) and so evaluated.
  @discardableResult
  public func enqueueLine(
    _ line: UnsafeBufferPointer<UInt8>, asOf: CivilDate, shard: (index: Int, count: Int)? = nil,
    into out: inout [UInt8]
  ) -> Bool {
    guard let vector, fastLaneEnabled, vectorLaneEnabled else {
      if let shard { return evaluateLine(line, asOf: asOf, shard: shard, into: &out) }
      evaluateLine(line, asOf: asOf, into: &out)
      return true
    }
    if pendingDay != asOf.dayNumber { flushLines(into: &out) }
    pendingDay = asOf.dayNumber
    if pendingCount == 0 {
      vector.beginBatch()
      pendingBytes.removeAll(keepingCapacity: true)
      pendingEnds.removeAll(keepingCapacity: true)
      pendingIDs.removeAll(keepingCapacity: true)
    }
    let id = vector.decodeLine(line, book.decoder)
    if let shard {
      guard let id, BatchEvaluation.shardOf(id, count: shard.count) == shard.index else {
        return false
      }
    }
    vector.keep()
    pendingBytes.append(contentsOf: line)
    pendingEnds.append(pendingBytes.count)
    pendingIDs.append(id)
    pendingCount += 1
    if pendingCount >= min(vectorBatchWidth, VectorMachine.width) { flushLines(into: &out) }
    return true
  }

  /// Evaluates the pending citizens and appends their lines to `out`, in the order read.
  public func flushLines(into out: inout [UInt8]) {
    let n = pendingCount
    guard n > 0, let vector, let fast else { return }
    pendingCount = 0
    let (day, asOf) = (pendingDay, CivilDate(dayNumber: pendingDay))
    vector.run(day: day)
    for i in 0..<n {
      let adopted = adopt(i, day: day)
      // A profile only for a citizen some rule of whom the general machine decides.
      let general = !adopted || !generalRules.isEmpty || fast.undecidedCount > 0
      if general {
        pendingBytes.withUnsafeBufferPointer { all in
          let line = UnsafeBufferPointer(
            rebasing: all[(i == 0 ? 0 : pendingEnds[i - 1])..<pendingEnds[i]])
          book.decoder.decode(line, into: &scratch)
        }
      }
      let decided = adopted || fast.run(facts: scratch.facts, day: day)
      // Without `general`, settling runs no rule and never reads the (stale) profile.
      settle(scratch, decided: decided, asOf: asOf)
      writeLine(id: pendingIDs[i], decided: decided, asOf: asOf, into: &out)
    }
  }
}
