import CivilCalendar
import Foundation

/// Evaluates a JSON Lines population file, one output line per citizen, streaming.
///
/// This is what `biseo evaluate --rules DIR --population FILE --as-of DATE [--shard K/N]` runs.
/// A malformed line still yields a line (its facts unknown); the batch never stops early.
public struct BatchEvaluation: Sendable {
  public var asOf: CivilDate
  /// `(k, n)`: evaluate only citizens whose id hashes to `k` modulo `n`.
  public var shard: (index: Int, count: Int)?

  public init(asOf: CivilDate, shard: (index: Int, count: Int)? = nil) {
    self.asOf = asOf
    self.shard = shard
  }

  /// Reads `input` and writes one JSON line per citizen to `output`.
  ///
  /// - Returns: how many citizens were evaluated.
  /// - Throws: only I/O errors from reading or writing.
  @discardableResult
  public func run(book: RuleBook, input: FileHandle, output: FileHandle) throws -> Int {
    let evaluator = book.evaluator()
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    var pending: [UInt8] = []
    var count = 0
    func flushIfFull(_ force: Bool) throws {
      if out.count >= (1 << 20) || (force && !out.isEmpty) {
        try output.write(contentsOf: out)
        out.removeAll(keepingCapacity: true)
      }
    }
    while true {
      let chunk = try input.read(upToCount: 1 << 22) ?? Data()
      if chunk.isEmpty { break }
      pending.append(contentsOf: chunk)
      var consumed = 0
      try pending.withUnsafeBufferPointer { buf in
        var start = 0
        while let nl = buf[start...].firstIndex(of: 0x0A) {
          if evaluate(UnsafeBufferPointer(rebasing: buf[start..<nl]), evaluator, &out) { count += 1 }
          start = nl + 1
          try flushIfFull(false)
        }
        consumed = start
      }
      pending.removeFirst(consumed)
    }
    if !pending.isEmpty {
      pending.withUnsafeBufferPointer { buf in
        if evaluate(buf, evaluator, &out) { count += 1 }
      }
    }
    try flushIfFull(true)
    return count
  }

  private func evaluate(_ line: UnsafeBufferPointer<UInt8>, _ e: Evaluator, _ out: inout [UInt8]) -> Bool {
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return false }
    if let (k, n) = shard {
      guard let id = e.book.profile(json: line).id, BatchEvaluation.shardOf(id, count: n) == k else {
        return false
      }
    }
    e.evaluateLine(line, asOf: asOf, into: &out)
    return true
  }

  /// FNV-1a over the id's UTF-8 bytes, modulo `count`: stable across runs and machines.
  public static func shardOf(_ id: String, count: Int) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in id.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return Int(h % UInt64(max(count, 1)))
  }
}
