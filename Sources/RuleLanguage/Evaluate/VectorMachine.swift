import CivilCalendar
import Foundation

/// The vector lane's state for a batch of up to `width` citizens.
///
/// Every value is a column: one word per lane (`LaneWord`). Per-kernel costs (a property
/// read, an allocation) are paid once per batch, not once per citizen; what runs per lane is
/// a tight loop over pointers. A batch may hold one citizen (chat, the planner): fixed costs
/// per batch then stay proportional to the citizens, not to `width`.
final class VectorMachine: LaneStorage {
  static let width = 1024
  /// One word past `width`: the lane of the one-lane space a day-invariant expression runs in.
  static let stride = width + 1
  let program: VectorProgram
  let calendar: any BusinessCalendar

  /// The as-of day, its year, the day's epoch (for caches), the day parameters were loaded
  /// for, and the citizens in the batch: read by kernels, so in plain memory.
  private let registers: UnsafeMutablePointer<Int>
  var today: Int { registers[0] }
  var todayYear: Int { registers[1] }
  var dayEpoch: Int { registers[2] }
  private var day: Int {
    get { registers[3] }
    set { registers[3] = newValue }
  }
  /// Citizens in the current batch.
  var batchCount: Int {
    get { registers[4] }
    set { registers[4] = newValue }
  }
  /// Whether some citizen of the batch does not hold a fact the current rule reads: only then
  /// can a failure be an unknown that Kleene logic absorbs, and only then are failure kinds
  /// kept (`VectorMachine+Kleene.swift`); a rule whose facts every citizen holds pays nothing.
  var unknowns: Bool {
    get { registers[6] != 0 }
    set { registers[6] = newValue ? 1 : 0 }
  }
  /// Whether the rules compute their reminders' columns (`LaneReminder`) for the citizens
  /// they hold for: the planner and the chat read them, `biseo evaluate` does not.
  var reminding: Bool {
    get { registers[7] != 0 }
    set { registers[7] = newValue ? 1 : 0 }
  }
  /// Counts the batches run (for `batchCached`).
  var batchEpoch: Int {
    get { registers[5] }
    set { registers[5] = newValue }
  }

  /// Per read fact, a column of `stride` words and whether each lane holds it.
  let facts: UnsafeMutablePointer<Int>
  let unheld: UnsafeMutablePointer<Int>
  let anyUnheld: UnsafeMutablePointer<Bool>
  let params: UnsafeMutablePointer<Int>
  let paramMissing: UnsafeMutablePointer<Int>
  /// Per rule and per output, a column of `width` words.
  let ruleValues: UnsafeMutablePointer<Int>
  let outputs: UnsafeMutablePointer<Int>
  /// Per rule, a column of 1 for the citizens it failed (the general machine decides those),
  /// and per citizen, 1 when any rule failed it; whether the lane runs every rule.
  let undecided: UnsafeMutablePointer<Int>
  let anyUndecided: UnsafeMutablePointer<Int>
  let runsEveryRule: Bool
  /// Per citizen (and the invariant lane), 1 when the current rule failed it; and 1 in
  /// `hard` when a failure was not only unknown facts (a fault, a lane limit), which Kleene
  /// logic never absorbs (`VectorMachine+Kleene.swift`).
  let failed: UnsafeMutablePointer<Int>
  let hard: UnsafeMutablePointer<Int>
  /// Per citizen, the facts its unknown failure waits for (bit `f` for fact `f`): the general
  /// machine's set, so an unknown rule or output stays in the lane (`tracksMissing`).
  let missing: UnsafeMutablePointer<Int>
  /// Whether fact sets fit in a word (at most 61 facts): else an unknown leaves its rule to
  /// the general machine.
  let tracksMissing: Bool
  /// Per rule and per output, a column of the facts its unknown value waits for (0 where it
  /// is decided or given up); valid for rule `r` when `unknownIn[r]` is 1 (its rule ran with
  /// unknowns this batch), else every lane is 0.
  let ruleMissing: UnsafeMutablePointer<Int>
  let outputMissing: UnsafeMutablePointer<Int>
  let unknownIn: UnsafeMutablePointer<Int>
  /// Per binding slot, the failure kind of each citizen it was computed for (0 none, 1 an
  /// unknown fact, 2 a fault or limit), and whether any is not 0: each read fails them again.
  let bindingFails: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
  let bindingAnyFail: UnsafeMutablePointer<Int>
  /// The column of each local (a function parameter, a binder, a binding).
  let slots: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
  /// Per binding, the citizens it has been computed for in this rule, how many, and whether
  /// its value and mask columns are its own (else they are a kernel's result and the mask it
  /// ran under, kept without a copy until more citizens are added).
  let computed: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
  let computedCount: UnsafeMutablePointer<Int>
  let computedOwned: UnsafeMutablePointer<Int>
  /// Where the column allocator stood when a binding's columns were made (`position`), and
  /// the bindings computed in this rule: an `iterate` step releasing its columns forgets the
  /// bindings first computed inside it.
  let computedAt: UnsafeMutablePointer<Int>
  /// The machine's other mutable state, in plain memory: as stored properties of a class each
  /// access would be a dynamic exclusivity check, paid per kernel, and so per citizen at
  /// width one.
  struct State {
    var computedSlots: [Int] = []
    /// Function results of this rule, by function and argument columns (`memoized`), and the
    /// spaces of list elements made (`elements(of:binder:)`).
    var memos: [VectorMemo] = []
    var elementSpaces: [ElementSpace] = []
    /// Locals of enclosing spaces already gathered into a space (`lifted`), by the same rule.
    var lifts: [(key: LiftKey, lifted: UnsafeMutablePointer<Int>)] = []
    var arenaTop = 0
    var dayTop = 0
    var factTop = 0
    var loadingFacts = false
    var spaces: [VectorSpace] = []
    /// The lanes of `everyone` set to 1 by the last batch.
    var everyoneCount = 0
    var chunks: [(base: UnsafeMutablePointer<Int>, size: Int)] = []
    var chunk = 0
    /// The batch's texts that are none of the book's constants (a child's name), by id past
    /// the constants', and their ids.
    var batchTexts: [String] = []
    var batchTextIDs: [String: Int] = [:]
  }

  let state: UnsafeMutablePointer<State>
  var computedSlots: [Int] {
    get { state.pointee.computedSlots }
    _modify { yield &state.pointee.computedSlots }
  }
  var memos: [VectorMemo] {
    get { state.pointee.memos }
    _modify { yield &state.pointee.memos }
  }
  var elementSpaces: [ElementSpace] {
    get { state.pointee.elementSpaces }
    _modify { yield &state.pointee.elementSpaces }
  }
  var lifts: [(key: LiftKey, lifted: UnsafeMutablePointer<Int>)] {
    get { state.pointee.lifts }
    _modify { yield &state.pointee.lifts }
  }
  var batchTexts: [String] {
    get { state.pointee.batchTexts }
    _modify { yield &state.pointee.batchTexts }
  }
  var batchTextIDs: [String: Int] {
    get { state.pointee.batchTextIDs }
    _modify { yield &state.pointee.batchTextIDs }
  }
  let cacheValues: UnsafeMutablePointer<Int>
  let cacheStamps: UnsafeMutablePointer<Int>
  /// Per call kept for the batch (`batchCached`): its column, the citizens it failed, whether
  /// it failed any, and the batch it was computed for.
  let batchValues: UnsafeMutablePointer<Int>
  let batchFails: UnsafeMutablePointer<Int>
  let batchAnyFail: UnsafeMutablePointer<Int>
  let batchStamps: UnsafeMutablePointer<Int>

  /// Lists and records: the batch's facts in `reserved..<factLimit`, then the day's
  /// parameters and what the rules compute, so a batch's facts can be saved and laid back
  /// whatever the day (`ProfileColumns`).
  let arena: UnsafeMutablePointer<Int>
  var arenaTop: Int {
    get { state.pointee.arenaTop }
    set { state.pointee.arenaTop = newValue }
  }
  private var dayTop: Int {
    get { state.pointee.dayTop }
    set { state.pointee.dayTop = newValue }
  }
  var factTop: Int {
    get { state.pointee.factTop }
    set { state.pointee.factTop = newValue }
  }
  var loadingFacts: Bool {
    get { state.pointee.loadingFacts }
    set { state.pointee.loadingFacts = newValue }
  }
  static let reserved = 64
  static let factLimit = 1 << 20
  static let arenaCapacity = 1 << 21

  /// The current space, read by every kernel: kept in plain memory (`spaceCount`,
  /// `spaceMaps`), as a stored property each read would be a dynamic exclusivity check.
  var space: VectorSpace {
    get {
      VectorSpace(
        count: spaceCount[0], active: spaceMaps[0], root: spaceMaps[1], parent: spaceMaps[2],
        lanesFailed: spaceLanes[0])
    }
    set {
      spaceCount[0] = newValue.count
      spaceMaps[0] = newValue.active
      spaceMaps[1] = newValue.root
      spaceMaps[2] = newValue.parent
      spaceLanes[0] = newValue.lanesFailed
    }
  }
  private let spaceCount: UnsafeMutablePointer<Int>
  private let spaceLanes: UnsafeMutablePointer<UnsafeMutablePointer<Int>?>
  private let spaceMaps: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
  var spaces: [VectorSpace] {
    get { state.pointee.spaces }
    _modify { yield &state.pointee.spaces }
  }
  /// The citizens' own space: identity maps and a mask of the batch.
  let identity: UnsafeMutablePointer<Int>
  let everyone: UnsafeMutablePointer<Int>
  private var everyoneCount: Int {
    get { state.pointee.everyoneCount }
    set { state.pointee.everyoneCount = newValue }
  }
  let invariantSpace: VectorSpace
  /// What every slot holds before its first use.
  let empty: UnsafeMutablePointer<Int>

  private var chunks: [(base: UnsafeMutablePointer<Int>, size: Int)] {
    get { state.pointee.chunks }
    _modify { yield &state.pointee.chunks }
  }
  private var chunk: Int {
    get { state.pointee.chunk }
    set { state.pointee.chunk = newValue }
  }
  /// The next free word of the current chunk and its end: the fast path of `column`.
  private let cursor: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
  static let chunkWords = 1 << 18
  /// Lanes of the shared all-active mask (`ones`).
  static let onesCount = 16 * width
  private let onesColumn: UnsafeMutablePointer<Int>

  /// Whether the compiled rules read each fact (the decoder skips the others).
  let reads: [Bool]
  let recordShapes: [[LaneShape]]
  let factShapes: [LaneShape]
  let fewTexts: [(String, Int)]?
  /// Text constants by interned id, for writing text outputs.
  let textsByID: [String]
  /// The outputs of list type the lane writes, and the rules it runs.
  let listOutputs: [Int]
  /// The reminders' columns of list type, with their rules.
  let listReminders: [(column: Int, rule: Int)]
  let laneRules: [Int]
  var recordTypes: [[RuleType]] { program.records }
  var factTypes: [RuleType] { program.factTypes }
  var textTable: [String: Int] { program.texts }

  /// Zeroed words from `calloc` (freed with `free` in `deinit`): a large buffer comes as
  /// fresh pages the system zeroes when first touched, so a machine used at width one (each
  /// chat process makes its own) does not write the megabytes of columns it never reads.
  private static func buffer(_ count: Int) -> UnsafeMutablePointer<Int> {
    // As `allocate` would, running out of memory stops the process.
    guard let words = calloc(max(count, 1), MemoryLayout<Int>.stride) else {
      fatalError("out of memory for \(count) words")
    }
    return words.assumingMemoryBound(to: Int.self)
  }

  init(program: VectorProgram, calendar: any BusinessCalendar) {
    self.program = program
    self.calendar = calendar
    state = .allocate(capacity: 1)
    state.initialize(to: State())
    let w = VectorMachine.width
    let s = VectorMachine.stride
    let factCount = program.factTypes.count
    facts = VectorMachine.buffer(factCount * s)
    unheld = VectorMachine.buffer(factCount * s)
    anyUnheld = .allocate(capacity: max(factCount, 1))
    anyUnheld.initialize(repeating: true, count: max(factCount, 1))
    registers = VectorMachine.buffer(8)
    registers[3] = Int.min
    params = VectorMachine.buffer(program.params.count)
    paramMissing = VectorMachine.buffer(program.params.count)
    ruleValues = VectorMachine.buffer(program.ruleCount * w)
    outputs = VectorMachine.buffer(program.outputTypes.count * w)
    undecided = VectorMachine.buffer(program.ruleCount * w)
    anyUndecided = VectorMachine.buffer(w)
    runsEveryRule = program.generalRules.isEmpty
    failed = VectorMachine.buffer(s)
    hard = VectorMachine.buffer(s)
    missing = VectorMachine.buffer(s)
    tracksMissing = factCount <= 61
    ruleMissing = VectorMachine.buffer(program.ruleCount * w)
    outputMissing = VectorMachine.buffer(program.outputTypes.count * w)
    unknownIn = VectorMachine.buffer(program.ruleCount)
    empty = VectorMachine.buffer(s)
    bindingAnyFail = VectorMachine.buffer(program.slotCount)
    slots = .allocate(capacity: max(program.slotCount, 1))
    slots.initialize(repeating: empty, count: max(program.slotCount, 1))
    computed = .allocate(capacity: max(program.slotCount, 1))
    computed.initialize(repeating: empty, count: max(program.slotCount, 1))
    bindingFails = .allocate(capacity: max(program.slotCount, 1))
    bindingFails.initialize(repeating: empty, count: max(program.slotCount, 1))
    computedCount = VectorMachine.buffer(program.slotCount)
    computedOwned = VectorMachine.buffer(program.slotCount)
    computedAt = VectorMachine.buffer(program.slotCount)
    cacheValues = VectorMachine.buffer(program.cacheCount)
    cacheStamps = VectorMachine.buffer(program.cacheCount)
    batchValues = VectorMachine.buffer(program.batchCacheCount * w)
    batchFails = VectorMachine.buffer(program.batchCacheCount * w)
    batchAnyFail = VectorMachine.buffer(program.batchCacheCount)
    batchStamps = VectorMachine.buffer(program.batchCacheCount)
    // Only the reserved words are written now: the rest is touched (and resident) as a batch
    // uses it, and every word is written before it is read.
    arena = .allocate(capacity: VectorMachine.arenaCapacity)
    arena.initialize(repeating: 0, count: VectorMachine.reserved)
    identity = VectorMachine.buffer(s)
    for i in 0..<s { identity[i] = i }
    everyone = VectorMachine.buffer(s)
    onesColumn = .allocate(capacity: VectorMachine.onesCount)
    onesColumn.initialize(repeating: 1, count: VectorMachine.onesCount)
    let one = VectorMachine.buffer(1)
    one[0] = 1
    let invariantRoot = VectorMachine.buffer(1)
    invariantRoot[0] = w
    invariantSpace = VectorSpace(count: 1, active: one, root: invariantRoot, parent: invariantRoot)
    spaceCount = VectorMachine.buffer(1)
    spaceMaps = .allocate(capacity: 3)
    spaceMaps.initialize(repeating: everyone, count: 3)
    spaceLanes = .allocate(capacity: 1)
    spaceLanes.initialize(to: nil)
    cursor = .allocate(capacity: 2)
    cursor.initialize(repeating: everyone, count: 2)
    var reads = Array(repeating: false, count: factCount)
    for f in program.readFacts { reads[f] = true }
    self.reads = reads
    recordShapes = program.records.map { $0.map(LaneShape.init) }
    factShapes = program.factTypes.map(LaneShape.init)
    fewTexts = VectorMachine.fewTexts(of: program.texts)
    var texts = Array(repeating: "", count: program.texts.count)
    for (text, id) in program.texts { texts[id] = text }
    textsByID = texts
    laneRules = (0..<program.ruleCount).filter { !program.generalRules.contains($0) }
    listReminders = program.reminderColumns.indices.flatMap { r in
      program.reminderColumns[r].compactMap { column in
        if case .list = program.outputTypes[column].unwrapped { (column, r) } else { nil }
      }
    }
    listOutputs = (0..<program.outputCount).filter {
      if case .list = program.outputTypes[$0].unwrapped {
        !program.generalOutputs.contains($0)
      } else {
        false
      }
    }
    arenaTop = VectorMachine.factLimit
    dayTop = arenaTop
    factTop = VectorMachine.reserved
    spaceMaps[1] = identity
    spaceMaps[2] = identity
  }

  deinit {
    for p in [
      facts, unheld, params, paramMissing, ruleValues, outputs, undecided, anyUndecided, failed,
      hard, missing, ruleMissing, outputMissing, unknownIn,
      bindingAnyFail,
      cacheValues, cacheStamps, batchValues, batchFails, batchAnyFail, batchStamps,
      computedCount, computedOwned, computedAt,
      identity, everyone,
      invariantSpace.active,
      invariantSpace.root, empty, spaceCount, registers,
    ] { free(p) }
    arena.deallocate()
    onesColumn.deallocate()
    slots.deallocate()
    computed.deallocate()
    bindingFails.deallocate()
    for c in chunks { c.base.deallocate() }
    state.deinitialize(count: 1)
    state.deallocate()
    anyUnheld.deallocate()
    spaceMaps.deallocate()
    spaceLanes.deallocate()
    cursor.deallocate()
  }

  // MARK: Columns

  /// A column for the current space, from the batch's column chunks.
  func column() -> UnsafeMutablePointer<Int> { column(space.count) }

  func column(_ count: Int) -> UnsafeMutablePointer<Int> {
    let n = max(count, 1)
    let p = cursor[0]
    if n <= p.distance(to: cursor[1]) {
      cursor[0] = p + n
      return p
    }
    return nextChunk(n)
  }

  /// Moves to the next chunk (allocating it the first time) with room for `n` words.
  private func nextChunk(_ n: Int) -> UnsafeMutablePointer<Int> {
    if !chunks.isEmpty { chunk += 1 }
    while true {
      if chunk == chunks.count {
        let size = max(VectorMachine.chunkWords, n)
        chunks.append((.allocate(capacity: size), size))
      }
      if n <= chunks[chunk].size {
        let base = chunks[chunk].base
        cursor[0] = base + n
        cursor[1] = base + chunks[chunk].size
        return base
      }
      chunk += 1
    }
  }

  /// Makes `at` words into chunk `index` the next free column word.
  private func reset(chunk index: Int, at offset: Int) {
    chunk = index
    guard index < chunks.count else {
      cursor[0] = everyone
      cursor[1] = everyone
      return
    }
    cursor[0] = chunks[index].base + offset
    cursor[1] = chunks[index].base + chunks[index].size
  }

  /// A mask with every one of `count` lanes active, never written (shared while it fits).
  func ones(_ count: Int) -> UnsafeMutablePointer<Int> {
    guard count > VectorMachine.onesCount else {
      return onesColumn
    }
    let out = column(count)
    out.update(repeating: 1, count: count)
    return out
  }

  /// A column of `value` in every lane.
  func fill(_ value: Int) -> UnsafeMutablePointer<Int> {
    let out = column()
    out.update(repeating: value, count: space.count)
    return out
  }

  /// Where the column chunks stand, to give back what a loop step used.
  var mark: (Int, Int) {
    guard chunk < chunks.count else { return (0, 0) }
    return (chunk, chunks[chunk].base.distance(to: cursor[0]))
  }

  /// `mark` as one number that grows with each column allocated in a rule.
  var position: Int { VectorMachine.position(of: mark) }

  private static func position(of mark: (Int, Int)) -> Int { mark.0 << 40 | mark.1 }

  func release(to mark: (Int, Int)) {
    let from = VectorMachine.position(of: mark)
    reset(chunk: mark.0, at: mark.1)
    // A column allocated from here on may reuse the address of one a cache names.
    forgetColumns()
    for s in computedSlots where computedCount[s] > 0 && computedAt[s] >= from {
      resetBinding(s)
    }
  }

  /// Empties the caches keyed by column addresses (memos, element spaces, gathered locals).
  private func forgetColumns() {
    // Most rules make none of them: an empty array is left as it is.
    if !state.pointee.memos.isEmpty { memos.removeAll(keepingCapacity: true) }
    if !state.pointee.elementSpaces.isEmpty { elementSpaces.removeAll(keepingCapacity: true) }
    if !state.pointee.lifts.isEmpty { lifts.removeAll(keepingCapacity: true) }
  }

  // MARK: Running a batch

  /// Loads `profiles` (at most `width`) and runs every compiled rule for them on `day`.
  ///
  /// Afterwards `undecided` says, per rule, which citizens the general machine must decide;
  /// for the others `ruleValues` and `outputs` hold the rule's value and outputs.
  func run(_ profiles: UnsafeBufferPointer<Profile>, day: Int) {
    load(profiles)
    run(day: day)
  }

  /// Runs every compiled rule on `day` for the loaded (or restored) batch.
  func run(day: Int) {
    if self.day != day { setDay(day) }
    batchEpoch += 1
    let n = batchCount
    arenaTop = dayTop
    reset(chunk: 0, at: 0)
    // Lanes past the batch are 0; only those the last batch set need clearing (a batch of one
    // citizen costs a few words, not the whole width).
    for i in 0..<max(n, everyoneCount) { everyone[i] = i < n ? 1 : 0 }
    everyoneCount = n
    space = VectorSpace(count: n, active: everyone, root: identity, parent: identity)
    if !state.pointee.spaces.isEmpty { spaces.removeAll(keepingCapacity: true) }
    program.run(self)
    // A list output is written from the arena: one that is not a whole list there (never
    // expected) leaves its rule to the general machine rather than being read out of bounds.
    for o in listOutputs { checkList(o, of: program.outputRule[o]) }
    if reminding { for (column, r) in listReminders { checkList(column, of: r) } }
    anyUndecided.update(repeating: 0, count: n)
    for r in laneRules {
      let column = undecided + r * VectorMachine.width
      for i in 0..<n { anyUndecided[i] |= column[i] }
    }
  }

  /// Starts a rule: no citizen failed it yet, no binding computed.
  func beginRule() {
    // The citizens' lanes and the invariant lane: no other is ever failed.
    failed.update(repeating: 0, count: batchCount)
    failed[VectorMachine.width] = 0
    hard.update(repeating: 0, count: batchCount)
    hard[VectorMachine.width] = 0
    missing.update(repeating: 0, count: batchCount)
    missing[VectorMachine.width] = 0
    forgetColumns()
    if !state.pointee.computedSlots.isEmpty { computedSlots.removeAll(keepingCapacity: true) }
  }

  /// Ends rule `r`: its failures are kept; the rule's columns are released.
  ///
  /// With unknowns (`unknowns`), the condition's and each output's failures were taken apart
  /// (`takeFailures`): the lane gives up the rule only for the citizens with a hard failure
  /// (or an unknown when fact sets do not fit a word); an unknown value keeps its facts.
  func endRule(_ r: Int, outputs: [Int]) {
    let (n, w) = (batchCount, VectorMachine.width)
    let column = undecided + r * w
    guard unknowns else {
      endRule(r)
      return
    }
    let own = ruleMissing + r * w
    for i in 0..<n {
      var gives = givesUp(own[i])
      for o in outputs { gives |= givesUp(outputMissing[o * w + i]) }
      column[i] = gives
    }
    // What is left of a packed failure: the facts an unknown waits for, or a fault.
    for i in 0..<n { own[i] = column[i] == 0 ? VectorMachine.settled(own[i]) : 0 }
    for o in outputs {
      let out = outputMissing + o * w
      for i in 0..<n { out[i] = column[i] == 0 ? VectorMachine.settled(out[i]) : 0 }
    }
    unknownIn[r] = 1
    reset(chunk: 0, at: 0)
  }

  /// Ends rule `r` run without unknowns: every failure gives it up.
  func endRule(_ r: Int) {
    (undecided + r * VectorMachine.width).update(from: failed, count: batchCount)
    unknownIn[r] = 0
    reset(chunk: 0, at: 0)
  }

  /// Whether a packed failure (`packedFailure`) gives its rule up: a hard one that is no
  /// fault (a lane limit), or an unknown whose facts the lane does not know.
  @inline(__always) func givesUp(_ k: Int) -> Int {
    if k & 2 != 0 { return VectorMachine.decode(k >> 2) == nil ? 1 : 0 }
    let unknownWithSet = tracksMissing && k >> 2 != 0 ? 1 : 0
    return k & 1 & (unknownWithSet ^ 1)
  }

  /// With unknowns, the current failures of the batch's citizens (packed, `packedFailure`) into
  /// `into`, cleared for what runs next; where `condition` (packed) is a fault, it is the
  /// failure (an output with `otherwise` is its rule's condition when that is a fault).
  func takeFailures(into: UnsafeMutablePointer<Int>, condition: UnsafeMutablePointer<Int>? = nil) {
    guard unknowns else { return }
    for i in 0..<batchCount {
      var k = packedFailure(i)
      if let c = condition, c[i] & 2 != 0 { k = c[i] }
      into[i] = k
      setFailure(i, 0)
    }
  }

  /// A binding not yet computed for anyone in this rule (`binding` makes its columns).
  func resetBinding(_ slot: Int) {
    slots[slot] = empty
    computedCount[slot] = 0
    bindingAnyFail[slot] = 0
  }

  private func setDay(_ day: Int) {
    self.day = day
    registers[0] = day
    registers[1] = CivilDate(dayNumber: day).year
    registers[2] += 1
    arenaTop = VectorMachine.factLimit
    loadParams(program.params, day: day, into: params, missing: paramMissing)
    dayTop = arenaTop
  }
}

/// A local's column gathered into a space: which column, from how far out, into which space.
struct LiftKey: Equatable {
  var column: UnsafeMutablePointer<Int>
  var levels: Int
  var root: UnsafeMutablePointer<Int>
  var count: Int
}
