import CivilCalendar
import Foundation

/// One citizen's facts, decoded once into a flat slot array indexed by fact id.
public struct Profile: Sendable {
  /// The profile's `"id"`, if it has one.
  public var id: String?
  var facts: [Value]
}

/// Decodes a JSON object into fact slots, guided by the rule book's declared keys and types.
///
/// A hand-written byte scanner (no intermediate tree): keys nobody reads are skipped, each
/// declared key is decoded straight into its fact's type. A missing key leaves the fact
/// unknown; a mistyped or malformed value makes it unknown too, and the rest still decodes.
struct ProfileDecoder: Sendable {
  final class Node: Sendable {
    let keys: [[UInt8]]
    let facts: [[Int]]
    let children: [Node?]
    /// Every fact under this node, for nulls and missing objects.
    let subtree: [Int]

    init(keys: [[UInt8]], facts: [[Int]], children: [Node?]) {
      self.keys = keys
      self.facts = facts
      self.children = children
      var all = facts.flatMap { $0 }
      for c in children { all += c?.subtree ?? [] }
      subtree = all
    }
  }

  let root: Node
  let types: [RuleType]
  let enums: [[[UInt8]]]
  let records: [[(key: [UInt8], type: RuleType)]]
  /// Each record's keys, and whether each field reads a key of its own (fields may share
  /// one; the first of them takes the value, so the next-key guess is only for distinct keys).
  let recordKeys: [[[UInt8]]]
  let distinctKeys: [Bool]
  let unknowns: [Value]

  init(program: Program) {
    types = program.facts.map(\.type)
    enums = program.enums.map { $0.json.map { Array($0.utf8) } }
    records = program.records.map { $0.fields.map { (Array($0.key.utf8), $0.type) } }
    recordKeys = records.map { $0.map(\.key) }
    distinctKeys = program.records.map { Set($0.fields.map(\.key)).count == $0.fields.count }
    unknowns = program.facts.indices.map { .unknown(FactSet($0)) }
    func build(_ entries: [(path: ArraySlice<String>, fact: Int)]) -> Node {
      var order: [String] = []
      var groups: [String: [(path: ArraySlice<String>, fact: Int)]] = [:]
      for e in entries {
        guard let head = e.path.first else { continue }
        if groups[head] == nil { order.append(head) }
        groups[head, default: []].append((e.path.dropFirst(), e.fact))
      }
      var keys: [[UInt8]] = []
      var facts: [[Int]] = []
      var children: [Node?] = []
      for k in order {
        let g = groups[k] ?? []
        keys.append(Array(k.utf8))
        facts.append(g.filter { $0.path.isEmpty }.map(\.fact))
        let deeper = g.filter { !$0.path.isEmpty }
        children.append(deeper.isEmpty ? nil : build(deeper))
      }
      return Node(keys: keys, facts: facts, children: children)
    }
    root = build(program.facts.enumerated().map { (ArraySlice($0.element.keyPath), $0.offset) })
  }

  /// Decodes one JSON object (a JSON Lines line); never fails, at worst every fact is unknown.
  func decode(_ bytes: UnsafeBufferPointer<UInt8>, into profile: inout Profile) {
    profile.facts.replaceSubrange(0..<profile.facts.count, with: unknowns)
    profile.id = nil
    var s = JSONScanner(bytes: bytes)
    s.skipSpace()
    object(root, &s, &profile, isRoot: true)
  }

  /// The object at the scanner, its declared keys decoded into `t` (the one reading both
  /// targets share: a `Profile`'s values, or a lane of the vector lane's columns).
  func object<T: DecodeTarget>(
    _ node: Node, _ s: inout JSONScanner, _ t: inout T, isRoot: Bool
  ) {
    guard s.peek == UInt8(ascii: "{") else {
      if s.peek == UInt8(ascii: "n"), s.literal("null") {
        for f in node.subtree where types[f].isOptional && t.wants(f) { t.none(f) }
      } else {
        _ = s.skipValue()
      }
      return
    }
    s.pos += 1
    s.skipSpace()
    if s.peek == UInt8(ascii: "}") {
      s.pos += 1
      return
    }
    // Lines from one producer list their keys in one order: the key after the last one
    // matched is tried first, before searching them all.
    var next = 0
    while s.pos < s.end {
      guard let key = s.stringRange() else { return }
      s.skipSpace()
      guard s.peek == UInt8(ascii: ":") else { return }
      s.pos += 1
      s.skipSpace()
      let start = s.pos
      if let k = ProfileDecoder.index(of: key, in: node.keys, from: next, s) {
        next = k + 1
        for f in node.facts[k] where t.wants(f) {
          s.pos = start
          t.decode(f, types[f], &s, self)
        }
        if let child = node.children[k] {
          s.pos = start
          object(child, &s, &t, isRoot: false)
        }
        s.pos = start
      } else if isRoot, s.equals(key, JSONScanner.idKey), s.peek == UInt8(ascii: "\"") {
        t.id = s.string()
        s.pos = start
      }
      guard s.skipValue() else { return }
      s.skipSpace()
      if s.peek == UInt8(ascii: ",") {
        s.pos += 1
        s.skipSpace()
        continue
      }
      if s.peek == UInt8(ascii: "}") { s.pos += 1 }
      return
    }
  }

  /// Which of `keys` the key at `range` is, trying `keys[guess]` first.
  static func index(
    of range: Range<Int>, in keys: [[UInt8]], from guess: Int, _ s: JSONScanner
  ) -> Int? {
    if guess < keys.count, s.equals(range, keys[guess]) { return guess }
    return keys.firstIndex(where: { s.equals(range, $0) })
  }

  /// Which field of record `r` the key at `range` is; `next` is the field to try first, and
  /// becomes the one after it (kept past the end for a record whose fields share a key).
  func fieldIndex(of range: Range<Int>, record r: Int, from next: inout Int, _ s: JSONScanner)
    -> Int?
  {
    let keys = recordKeys[r]
    guard let k = ProfileDecoder.index(of: range, in: keys, from: next, s) else { return nil }
    next = distinctKeys[r] ? k + 1 : keys.count
    return k
  }

  /// The value at the scanner decoded as `type`, or nil if it does not fit.
  func value(_ type: RuleType, _ s: inout JSONScanner) -> Value? {
    if s.peek == UInt8(ascii: "n") {
      guard s.literal("null") else { return nil }
      return type.isOptional ? Value.none : nil
    }
    switch type.unwrapped {
    case .bool:
      if s.literal("true") { return .bool(true) }
      if s.literal("false") { return .bool(false) }
      return nil
    case .int, .money:
      guard let (n, scale) = s.number(), scale == 0 else { return nil }
      return .int(n)
    case .decimal:
      guard let (n, scale) = s.number() else { return nil }
      var v = n
      for _ in scale..<6 {
        let (r, o) = v.multipliedReportingOverflow(by: 10)
        if o { return nil }
        v = r
      }
      return .decimal(v)
    case .text:
      return s.string().map { .text($0) }
    case .date:
      guard let r = s.stringRange(), let d = s.date(r) else { return nil }
      return .date(d.dayNumber)
    case .enumeration(let e):
      guard let r = s.stringRange() else { return nil }
      guard let c = enums[e].firstIndex(where: { s.equals(r, $0) }) else { return nil }
      return .enumCase(c)
    case .list(let element):
      guard s.peek == UInt8(ascii: "[") else { return nil }
      s.pos += 1
      s.skipSpace()
      var items: [Value] = []
      if s.peek == UInt8(ascii: "]") {
        s.pos += 1
        return .list(items)
      }
      while true {
        guard let v = value(element, &s) else { return nil }
        items.append(v)
        s.skipSpace()
        if s.peek == UInt8(ascii: ",") {
          s.pos += 1
          s.skipSpace()
        } else if s.peek == UInt8(ascii: "]") {
          s.pos += 1
          return .list(items)
        } else {
          return nil
        }
      }
    case .record(let r):
      return record(r, &s)
    default:
      return nil
    }
  }

  private func record(_ r: Int, _ s: inout JSONScanner) -> Value? {
    let fields = records[r]
    guard s.peek == UInt8(ascii: "{") else { return nil }
    s.pos += 1
    s.skipSpace()
    var values = [Value?](repeating: nil, count: fields.count)
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
          guard let v = value(fields[k].type, &s) else { return nil }
          values[k] = v
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
    var out: [Value] = []
    out.reserveCapacity(fields.count)
    for (k, f) in fields.enumerated() {
      if let v = values[k] {
        out.append(v)
      } else if f.type.isOptional {
        out.append(.none)
      } else {
        return nil
      }
    }
    return .record(out)
  }
}

/// Where `ProfileDecoder.object` puts what it decodes.
protocol DecodeTarget {
  /// The profile's `"id"`.
  var id: String? { get set }
  /// Whether fact `f` is decoded at all (the others are skipped).
  func wants(_ f: Int) -> Bool
  /// Decodes fact `f` (of `type`) at the scanner and keeps it if it fits.
  mutating func decode(_ f: Int, _ type: RuleType, _ s: inout JSONScanner, _ d: ProfileDecoder)
  /// Fact `f` is `none` (an optional fact under a `null` object).
  mutating func none(_ f: Int)
}

extension Profile: DecodeTarget {
  func wants(_ f: Int) -> Bool { true }

  mutating func decode(_ f: Int, _ type: RuleType, _ s: inout JSONScanner, _ d: ProfileDecoder) {
    if let v = d.value(type, &s) { facts[f] = v }
  }

  mutating func none(_ f: Int) { facts[f] = .none }
}
