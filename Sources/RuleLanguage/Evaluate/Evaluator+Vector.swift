import CivilCalendar

/// Batch evaluation through the vector lane: citizens are decoded into its columns and run a
/// batch at a time; each one's line is written from the lane's columns, and the general
/// machine decides only the rules the lane did not.
extension Evaluator {
  /// The most citizens `compute(batch:asOf:)` takes at once.
  public static let batchCapacity = VectorMachine.width

  /// Runs the vector lane over `profiles` (at most `VectorMachine.width`); then `select(_:of:)`
  /// makes each one the current citizen, as `compute(_:asOf:)` would.
  ///
  /// - Parameter reminders: whether the lane also computes the reminders of the rules that
  ///   hold (the planner's `select(_:of:asOf:rules:)` then composes them without the general
  ///   machine).
  /// - Returns: false when the book has no vector lane (callers use `compute` instead).
  @discardableResult
  public func compute(
    batch profiles: UnsafeBufferPointer<Profile>, asOf: CivilDate, reminders: Bool = false
  ) -> Bool {
    guard let vector, vectorLaneEnabled else { return false }
    vector.reminding = reminders
    vector.run(profiles, day: asOf.dayNumber)
    return true
  }

  /// After `compute(batch:asOf:reminders:)`, runs the same batch again as of another day
  /// (the planner's weekly samples) without laying its facts out again; `select` as before.
  ///
  /// - Returns: false when the book has no vector lane or no batch was laid out.
  public func recompute(asOf: CivilDate) -> Bool {
    guard let vector, vectorLaneEnabled, vector.batchCount > 0 else { return false }
    vector.run(day: asOf.dayNumber)
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
  /// needs the same profiles, for the citizens the lane leaves to the general machine.
  @discardableResult
  public func compute(columns: ProfileColumns, asOf: CivilDate) -> Bool {
    guard let vector, vectorLaneEnabled else { return false }
    vector.restore(columns)
    vector.reminding = false
    vector.run(day: asOf.dayNumber)
    return true
  }

  /// After `compute(batch:asOf:)`, whether rule `r` holds for citizen `i` of the batch; nil
  /// when the vector lane left any rule of the citizen to the general machine (then `select`
  /// the citizen, which runs those, and ask `holds`).
  public func holds(_ r: Int, citizen i: Int) -> Bool? {
    guard let vector, i < vector.batchCount, vector.runsEveryRule, vector.anyUndecided[i] == 0
    else { return nil }
    return laneMissing(rule: r, i) == 0 && vector.ruleValues[r * VectorMachine.width + i] == 1
  }

  /// After `compute(batch:asOf:)`, makes citizen `i` of the batch the current one (for
  /// `holds`): the rules the vector lane left run on the general machine.
  public func select(_ i: Int, of profiles: UnsafeBufferPointer<Profile>, asOf: CivilDate) {
    guard vectorLaneEnabled, let vector, i < vector.batchCount else {
      // No batch to read from: the general machine alone (the batch stays as it is).
      lane = -1
      lanes.pointee.generalCount += 1
      machine.setFacts(profiles[i].facts)
      machine.reset(day: asOf.dayNumber)
      machine.runAll()
      return
    }
    enterLane(i)
    runGeneralRules(profiles[i], asOf: asOf, lane: i)
  }

  /// After `compute(batch:asOf:)`, makes citizen `i` of the batch the current one for rules
  /// numbered `rules` only (and whatever they read), as `compute(_:asOf:rules:)` would: the
  /// planner's path at batch width.
  public func select(
    _ i: Int, of profiles: UnsafeBufferPointer<Profile>, asOf: CivilDate, rules: [Int]
  ) {
    guard vectorLaneEnabled, let vector, i < vector.batchCount else {
      load(profiles[i], asOf: asOf)
      lane = -1
      lanes.pointee.generalCount += 1
      for r in rules { machine.run(rule: r) }
      return
    }
    enterLane(i)
    settle(rules, profiles[i], asOf: asOf)
  }

  /// Decodes one JSON Lines profile straight into the vector lane's columns.
  ///
  /// Its line is appended to `out` when the batch is full or on `flushLines`; without a
  /// vector lane it is evaluated at once.
  ///
  /// - Returns: whether the citizen was in `shard` (always, without one) and so evaluated.
  @discardableResult
  public func enqueueLine(
    _ line: UnsafeBufferPointer<UInt8>, asOf: CivilDate, shard: Shard? = nil,
    into out: inout [UInt8]
  ) -> Bool {
    guard vector != nil, vectorLaneEnabled else {
      return evaluateLine(line, asOf: asOf, shard: shard, into: &out)
    }
    if pendingDay != asOf.dayNumber { flushLines(into: &out) }
    let taken = pend(line, asOf: asOf, shard: shard)
    if pendingCount >= min(vectorBatchWidth, VectorMachine.width) { flushLines(into: &out) }
    return taken
  }

  /// Decodes `line` into the next lane of the pending batch, if its id is in `shard`.
  func pend(_ line: UnsafeBufferPointer<UInt8>, asOf: CivilDate, shard: Shard?)
    -> Bool
  {
    guard let vector else { return false }
    pendingDay = asOf.dayNumber
    if pendingCount == 0 {
      vector.beginBatch()
      pendingBytes.removeAll(keepingCapacity: true)
      pendingEnds.removeAll(keepingCapacity: true)
      pendingIDs.removeAll(keepingCapacity: true)
    }
    let id = vector.decodeLine(line, book.decoder)
    if let shard {
      guard let id, shard.contains(id) else {
        return false
      }
    }
    vector.keep()
    pendingBytes.append(contentsOf: line)
    pendingEnds.append(pendingBytes.count)
    pendingIDs.append(id)
    pendingCount += 1
    return true
  }

  /// Evaluates the pending citizens and appends their lines to `out`, in the order read.
  public func flushLines(into out: inout [UInt8]) {
    let n = runPending()
    let asOf = CivilDate(dayNumber: pendingDay)
    for i in 0..<n {
      makeCurrent(i)
      writeLine(id: pendingIDs[i], asOf: asOf, into: &out)
    }
  }

  /// Runs the vector lane over the pending citizens; `makeCurrent` then takes them in order.
  ///
  /// - Returns: how many there were.
  func runPending() -> Int {
    let n = pendingCount
    guard n > 0, let vector else { return 0 }
    pendingCount = 0
    vector.reminding = false
    vector.run(day: pendingDay)
    return n
  }

  /// After `runPending`, makes citizen `i` of the batch the current one: the rules the lane
  /// left it run on the general machine.
  func makeCurrent(_ i: Int) {
    guard let vector else { return }
    enterLane(i)
    // A profile only for a citizen some rule of whom the general machine decides.
    if !generalRules.isEmpty || vector.anyUndecided[i] != 0 {
      pendingProfile(i, into: &scratch)
      runGeneralRules(scratch, asOf: CivilDate(dayNumber: pendingDay), lane: i)
    }
  }

  /// Takes `other`'s pending citizens as its own, columns and lines: both books declare
  /// the same facts (`PopulationDiff.sameFacts`), so one decoding serves both.
  func adoptPending(of other: Evaluator) {
    guard let vector, let theirs = other.vector else { return }
    vector.restore(theirs.save())
    pendingBytes = other.pendingBytes
    pendingEnds = other.pendingEnds
    pendingIDs = other.pendingIDs
    pendingDay = other.pendingDay
    pendingCount = other.pendingCount
  }

  /// Decodes pending citizen `i`'s line (kept beside the lane's columns) into `profile`.
  func pendingProfile(_ i: Int, into profile: inout Profile) {
    pendingBytes.withUnsafeBufferPointer { all in
      let line = UnsafeBufferPointer(
        rebasing: all[(i == 0 ? 0 : pendingEnds[i - 1])..<pendingEnds[i]])
      book.decoder.decode(line, into: &profile)
    }
  }
}
