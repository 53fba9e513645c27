import CivilCalendar

/// Decoding a JSON Lines profile straight into one lane of the vector lane's fact columns.
///
/// The same reading as `decode(_:into:)` (same keys, same types, same "a value that does not
/// fit leaves the fact unknown"), but each fact becomes the lane's word at once, and lists and
/// records go into the machine's fact arena: no `Value`s, arrays or records are built. Only
/// the facts the vector lane reads are decoded; the others are skipped.
extension ProfileDecoder {
  /// Decodes `bytes` into lane `lane` of `m`'s fact columns; never fails, at worst every
  /// fact is unknown.
  ///
  /// - Returns: the profile's `"id"`, if it has one.
  func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, lane: Int, into m: VectorMachine, reads: [Bool]
  ) -> String? {
    let stride = VectorMachine.stride
    for f in m.program.readFacts {
      m.facts[f * stride + lane] = 0
      m.unheld[f * stride + lane] = 1
    }
    var s = JSONScanner(bytes: bytes)
    s.skipSpace()
    var column = ColumnTarget(machine: m, lane: lane, reads: reads)
    object(root, &s, &column, isRoot: true)
    return column.id
  }

  /// Where decoded facts go: one lane of a vector machine.
  struct ColumnTarget: DecodeTarget {
    let machine: VectorMachine
    let lane: Int
    let reads: [Bool]
    var id: String?

    init(machine: VectorMachine, lane: Int, reads: [Bool]) {
      self.machine = machine
      self.lane = lane
      self.reads = reads
    }

    func hold(_ f: Int, _ word: Int) {
      machine.facts[f * VectorMachine.stride + lane] = word
      machine.unheld[f * VectorMachine.stride + lane] = 0
    }

    func wants(_ f: Int) -> Bool { reads[f] }

    func decode(_ f: Int, _ type: RuleType, _ s: inout JSONScanner, _ d: ProfileDecoder) {
      let start = s.pos
      if let w = d.word(type, &s, machine) {
        hold(f, w)
        return
      }
      // A value the general machine decodes and the lane cannot hold is not unknown there.
      s.pos = start
      if d.value(type, &s) != nil { machine.unheld[f * VectorMachine.stride + lane] = 2 }
    }

    func none(_ f: Int) { hold(f, LaneWord.none) }
  }

  /// The value at the scanner as the lane's word for `type` (what `LaneStorage.load` makes of
  /// the `Value` that `value(_:_:)` decodes), or nil if it does not fit or the lane cannot
  /// hold it.
  func word(_ type: RuleType, _ s: inout JSONScanner, _ m: VectorMachine) -> Int? {
    if s.peek == UInt8(ascii: "n") {
      guard s.literal("null") else { return nil }
      return type.isOptional ? LaneWord.none : nil
    }
    switch type.unwrapped {
    case .bool:
      if s.literal("true") { return 1 }
      if s.literal("false") { return 0 }
      return nil
    case .int, .money:
      guard let (n, scale) = s.number(), scale == 0, n != LaneWord.none else { return nil }
      return n
    case .decimal:
      guard let (n, scale) = s.number() else { return nil }
      var v = n
      for _ in scale..<6 {
        let (r, o) = v.multipliedReportingOverflow(by: 10)
        if o { return nil }
        v = r
      }
      return v == LaneWord.none ? nil : v
    case .text:
      return s.string().map(m.textID)
    case .date:
      guard let r = s.stringRange(), let d = s.date(r), d.dayNumber != LaneWord.none else {
        return nil
      }
      return d.dayNumber
    case .enumeration(let e):
      guard let r = s.stringRange() else { return nil }
      return enums[e].firstIndex(where: { s.equals(r, $0) })
    case .list(let element):
      return list(element, &s, m)
    case .record(let r):
      return record(r, &s, m)
    default:
      return nil
    }
  }

  private func list(_ element: RuleType, _ s: inout JSONScanner, _ m: VectorMachine) -> Int? {
    guard s.peek == UInt8(ascii: "[") else { return nil }
    s.pos += 1
    s.skipSpace()
    var items: [Int] = []
    if s.peek != UInt8(ascii: "]") {
      while true {
        guard let w = word(element, &s, m) else { return nil }
        items.append(w)
        s.skipSpace()
        if s.peek == UInt8(ascii: ",") {
          s.pos += 1
          s.skipSpace()
        } else if s.peek == UInt8(ascii: "]") {
          break
        } else {
          return nil
        }
      }
    }
    s.pos += 1
    guard let at = m.allocate(items.count + 1) else { return nil }
    m.arena[at] = items.count
    for (i, w) in items.enumerated() { m.arena[at + 1 + i] = w }
    return at
  }

  private func record(_ r: Int, _ s: inout JSONScanner, _ m: VectorMachine) -> Int? {
    let fields = records[r]
    guard s.peek == UInt8(ascii: "{") else { return nil }
    s.pos += 1
    s.skipSpace()
    var values = [Int?](repeating: nil, count: fields.count)
    var next = 0
    if s.peek == UInt8(ascii: "}") {
      s.pos += 1
    } else {
      while true {
        guard let key = s.stringRange() else { return nil }
        s.skipSpace()
        guard s.peek == UInt8(ascii: ":") else { return nil }
        s.pos += 1
        s.skipSpace()
        if let k = fieldIndex(of: key, record: r, from: &next, s) {
          guard let w = word(fields[k].type, &s, m) else { return nil }
          values[k] = w
        } else if !s.skipValue() {
          return nil
        }
        s.skipSpace()
        if s.peek == UInt8(ascii: ",") {
          s.pos += 1
          s.skipSpace()
        } else if s.peek == UInt8(ascii: "}") {
          s.pos += 1
          break
        } else {
          return nil
        }
      }
    }
    guard let at = m.allocate(fields.count) else { return nil }
    for (k, f) in fields.enumerated() {
      if let w = values[k] {
        m.arena[at + k] = w
      } else if f.type.isOptional {
        m.arena[at + k] = LaneWord.none
      } else {
        return nil
      }
    }
    return at
  }
}
