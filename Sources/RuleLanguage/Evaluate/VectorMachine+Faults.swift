import CivilCalendar

/// Faults in the lane, located as the general machine locates them.
///
/// A hard failure (packed, `VectorMachine+Kleene.swift`) keeps its fault where an unknown
/// keeps its facts: the site (`VectorProgram.faultSites`: its span) and message (an
/// `Operators` fault code, or a parameter with no value on the day) as `v = (site + 1) << 2 |
/// -code`, written `v | ~v << 28` (`encode`). Failures still join with `|`, as unknowns do, so
/// the loops that join a batch's failures cost what they did: the same fault twice is itself,
/// while two different faults, or a fault and an unknown fact it does not cover, set a bit that
/// breaks the pattern, and so does a lane limit (`limit`: an arena full, a result equal to
/// `none`'s word, a date past the tables). A hard failure whose word is no pattern leaves the
/// rule to the general machine (which one it meets first is not the lane's to say); one that
/// is a pattern is the rule's or output's value, written from the lane.
extension VectorMachine {
  /// The bit of a hard failure's word that marks a lane limit (never part of a fault).
  static let limitBit = 60
  /// A lane limit, packed.
  static let limit = 3 | 1 << (limitBit + 2)
  private static let low = (1 << 28) - 1

  /// Fault `v` (site and message) as a hard failure's word.
  @inline(__always) static func encode(_ v: Int) -> Int { v | (~v & low) << 28 }

  /// The fault a hard failure's word `x` holds, or nil when it is none (joined from two
  /// different ones, with an unknown, or with a lane limit).
  @inline(__always) static func decode(_ x: Int) -> Int? {
    let v = x & low
    return x >> 56 == 0 && x >> 28 == ~v & low && v != 0 ? v : nil
  }

  /// Fault `v`, packed.
  @inline(__always) static func located(_ v: Int) -> Int { 3 | encode(v) << 2 }

  /// Whether faults met now are the general machine's.
  ///
  /// They are in the citizens' own space, a day-invariant expression's, the elements of a
  /// `count`, `sum`, `min`, `max`, `map` or `filter` entered from those, and the steps of an
  /// `iterate` there (`lanesFailed`). The general machine runs every element up to its first
  /// fault, and the lane runs them all, so a later element's fault joins the first (the same
  /// fault is itself, another breaks the pattern); a step's lane is its citizen's, and both
  /// run the same steps. There a kernel's fault counts only where its lane had not failed
  /// before (its operands are values and its path the general machine's), or where it is the
  /// very fault its citizen already has; else it is a lane limit. Elsewhere (`any`/`all`,
  /// which stop at a deciding element, or an aggregate within elements) the lane may run what
  /// the general machine never reaches, so a fault there gives the rule up.
  var locating: Bool {
    space.root == identity || space.root == invariantSpace.root || space.lanesFailed != nil
  }

  /// `k` as met in the current space: a fault outside `locating` is a lane limit.
  @inline(__always) func here(_ k: Int) -> Int {
    k & 2 != 0 && !locating ? k | VectorMachine.limit : k
  }

  /// A branch's failure as an unknown condition's `if` joins it: a fault is dropped (the
  /// branch is no value), a lane limit still gives up, an unknown keeps its facts.
  @inline(__always) static func dropFault(_ k: Int) -> Int {
    k & 2 != 0 && decode(k >> 2) != nil ? 0 : k
  }

  /// A packed failure the lane keeps as a rule's or output's value: the facts an unknown waits
  /// for, or a fault as its negated site and message (`fault(_:)`); 0 when decided.
  @inline(__always) static func settled(_ k: Int) -> Int {
    guard k & 2 != 0 else { return k >> 2 }
    return -(decode(k >> 2) ?? 0)
  }

  /// The fault `settled` kept (negated), as the general machine reports it.
  func fault(_ settled: Int) -> RuntimeFault {
    let code = -settled
    let site = program.faultSites[(code >> 2) - 1]
    let message =
      if let p = site.param {
        RuleMessage.paramUndefined(program.params[p].name, on: CivilDate(dayNumber: today))
      } else if let steps = site.steps {
        RuleMessage.iterationLimit(steps)
      } else {
        Operators.faultMessage(-(code & 3))
      }
    return RuntimeFault(
      message: message, path: site.span.path, line: site.span.start.line,
      column: site.span.start.column)
  }

  /// Fails the citizen of lane `i` with the general machine's fault `code` (an `Operators`
  /// code) at site `site`; a nil code (the general machine has a value) is a lane limit.
  @inline(__always) func fail(lane i: Int, site: Int, code: Int?) {
    guard let code else {
      fail(lane: i)
      return
    }
    let fault = VectorMachine.located((site + 1) << 2 | -code)
    if let lanes = space.lanesFailed {
      // After its lane failed, only the very fault its citizen already has (met again, as
      // where a function is not kept and runs once more) is no lane limit.
      let c = space.root[i]
      let counts = lanes[i] == 0 || packedFailure(c) == fault
      addFailure(c, counts ? fault : fault | VectorMachine.limit)
      lanes[i] = 1
      return
    }
    addFailure(space.root[i], here(fault))
  }

  /// Fails every active lane with `k` (packed: a day-invariant expression's or a parameter's
  /// failure).
  func failActive(_ k: Int) {
    let (a, r, failure) = (space.active, space.root, here(k))
    for i in 0..<space.count where a[i] != 0 { addFailure(r[i], failure) }
    marking(a)
  }

  /// Marks the active lanes of an aggregate's elements failed (`lanesFailed`).
  @inline(__always) func marking(_ a: UnsafeMutablePointer<Int>) {
    guard let lanes = space.lanesFailed else { return }
    for i in 0..<space.count { lanes[i] |= a[i] }
  }

  /// Whether the current rule failed any citizen of the batch.
  func anyFailed() -> Bool {
    var any = 0
    for i in 0..<batchCount { any |= failed[i] }
    return any != 0
  }
}
