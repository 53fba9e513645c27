import CivilCalendar
import Hangul

/// `biseo evaluate`'s output: one JSON line per citizen.
extension Evaluator {
  /// The current citizen's JSON line: from the vector lane's columns for the rules it
  /// decided, else from the general machine.
  func writeLine(id: String?, asOf: CivilDate, into out: inout [UInt8]) {
    out.append(contentsOf: #"{"id":"#.utf8)
    if let id {
      JSONText.string(id, into: &out)
    } else {
      out.append(contentsOf: "null".utf8)
    }
    out.append(contentsOf: #","asOf":""#.utf8)
    JSONText.date(asOf, into: &out)
    out.append(UInt8(ascii: "\""))
    if lane < 0 {
      for o in 0..<outputCount {
        out.append(contentsOf: outputKeys[o])
        write(machine.outputs[o], outputTypes[o], into: &out)
      }
    } else {
      for o in 0..<outputCount {
        pieces.append(o, to: &out)
        writeOutput(o, into: &out)
      }
    }
    out.append(contentsOf: "}\n".utf8)
  }

  /// Output `o`'s JSON value for the current citizen: from the vector lane's columns when it
  /// decided the output, else from the general machine.
  @inline(__always)
  func writeOutput(_ o: Int, into out: inout [UInt8]) {
    let i = lane
    guard i >= 0, let vector, !generalOutput[o], !undecided(outputRule[o], i) else {
      write(machine.outputs[o], outputTypes[o], into: &out)
      return
    }
    let bits = laneMissing(output: o, i)
    if bits != 0 {
      if bits < 0 {
        JSONText.write(.fault(vector.fault(bits)), into: &out)
      } else {
        write(.unknown(FactSet(bits: bits)), outputTypes[o], into: &out)
      }
      return
    }
    let x = vector.outputs[o * VectorMachine.width + i]
    switch laneWriters[o] {
    case .bool: pieces.append(x != 0 ? truePiece : falsePiece, to: &out)
    case .int(let optional) where optional && x == LaneWord.none,
      .date(let optional) where optional && x == LaneWord.none,
      .enumeration(_, let optional) where optional && x == LaneWord.none:
      pieces.append(nullPiece, to: &out)
    case .int: JSONText.integer(x, into: &out)
    case .date:
      out.append(UInt8(ascii: "\""))
      JSONText.date(CivilDate(dayNumber: x), into: &out)
      out.append(UInt8(ascii: "\""))
    case .enumeration(let e, _): pieces.append(enumPieces[e] + x, to: &out)
    case .intList:
      // A list of whole numbers straight from the arena (no `[Value]` to allocate).
      out.append(UInt8(ascii: "["))
      for k in 0..<vector.arena[x] {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.integer(vector.arena[x + 1 + k], into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .value: write(vector.output(o, lane: i), outputTypes[o], into: &out)
    }
  }

  /// Output `o`'s word in the vector lane for the current citizen, when the lane decided it
  /// and the word alone is its value (a yes/no, number, date or enum case; not a list, an
  /// unknown or a fault): two equal words print equal JSON, so `biseo diff` skips the writing.
  @inline(__always)
  func laneWord(_ o: Int) -> Int? {
    let i = lane
    guard i >= 0, let vector, !generalOutput[o], !undecided(outputRule[o], i),
      laneMissing(output: o, i) == 0
    else { return nil }
    switch laneWriters[o] {
    case .bool, .int, .date, .enumeration: return vector.outputs[o * VectorMachine.width + i]
    case .intList, .value: return nil
    }
  }

  /// Writes a value as JSON straight from the slot; only unusual values go through
  /// `OutputValue`.
  func write(_ v: Value, _ type: RuleType, into out: inout [UInt8]) {
    switch v {
    case .int(let n) where type.unwrapped != .decimal: JSONText.integer(n, into: &out)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .none: out.append(contentsOf: "null".utf8)
    case .date(let d):
      out.append(UInt8(ascii: "\""))
      JSONText.date(CivilDate(dayNumber: d), into: &out)
      out.append(UInt8(ascii: "\""))
    case .enumCase(let c):
      if case .enumeration(let e) = type.unwrapped {
        out.append(contentsOf: enumJSON[e][c])
      } else {
        JSONText.integer(c, into: &out)
      }
    case .list(let items):
      guard case .list(let element) = type.unwrapped else {
        JSONText.write(output(v, type), into: &out)
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        write(item, element, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    default: JSONText.write(output(v, type), into: &out)
    }
  }
}

/// How an output's lane word is written as JSON; `value` goes through `Value` (lists,
/// decimals, durations, texts), the others are written straight from the word, as `write`
/// would.
enum LaneWriter {
  case bool
  case int(optional: Bool)
  case date(optional: Bool)
  case enumeration(Int, optional: Bool)
  /// `[int]` or `[money]`, not optional.
  case intList
  case value

  init(_ type: RuleType) {
    let optional = type.isOptional
    switch type.unwrapped {
    case .bool where !optional: self = .bool
    case .int, .money: self = .int(optional: optional)
    case .date: self = .date(optional: optional)
    case .enumeration(let e): self = .enumeration(e, optional: optional)
    case .list(.int) where !optional, .list(.money) where !optional: self = .intList
    default: self = .value
    }
  }
}
