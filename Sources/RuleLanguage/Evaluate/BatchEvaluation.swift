import CivilCalendar
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Evaluates a JSON Lines population file, one output line per citizen, streaming.
///
/// This is what `biseo evaluate --rules DIR --population FILE --as-of DATE [--shard K/N]` runs.
/// A malformed line still yields a line (its facts unknown); the batch never stops early.
public struct BatchEvaluation: Sendable {
  public var asOf: CivilDate
  /// `(k, n)`: evaluate only citizens whose id hashes to `k` modulo `n`.
  public var shard: (index: Int, count: Int)?
  /// Working days for `is_business_day` and `next_business_day` (weekends only by default).
  public var calendar: any BusinessCalendar

  public init(
    asOf: CivilDate, shard: (index: Int, count: Int)? = nil,
    calendar: any BusinessCalendar = WeekendCalendar()
  ) {
    self.asOf = asOf
    self.shard = shard
    self.calendar = calendar
  }

  /// Reads `input` and writes one JSON line per citizen to `output`.
  ///
  /// - Returns: how many citizens were evaluated.
  /// - Throws: only I/O errors from reading or writing.
  @discardableResult
  public func run(book: RuleBook, input: FileHandle, output: FileHandle) throws -> Int {
    try run(
      book: book, inputDescriptor: input.fileDescriptor, outputDescriptor: output.fileDescriptor)
  }

  /// The same over raw file descriptors: fixed buffers, so memory stays flat however large
  /// the population file is.
  @discardableResult
  public func run(book: RuleBook, inputDescriptor: Int32, outputDescriptor: Int32) throws -> Int {
    let evaluator = book.evaluator(calendar: calendar)
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    let chunk = 1 << 20
    var buffer = [UInt8](repeating: 0, count: chunk)
    var filled = 0
    var count = 0
    func flush() throws {
      try out.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          guard let base = raw.baseAddress else { return }
          let n = Glibc.write(outputDescriptor, base + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            throw BatchError.write(errno)
          }
          offset += n
        }
      }
      out.removeAll(keepingCapacity: true)
    }
    while true {
      if filled == buffer.count {
        // A line longer than the buffer: grow it (rare).
        buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
      }
      let n = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Glibc.read(inputDescriptor, base + filled, raw.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw BatchError.read(errno)
      }
      let atEnd = n == 0
      filled += n
      var start = 0
      buffer.withUnsafeBufferPointer { buf in
        guard let base = buf.baseAddress else { return }
        // memchr finds each line end far faster than a byte loop with bounds checks.
        while start < filled, let hit = memchr(base + start, 0x0A, filled - start) {
          let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if evaluate(UnsafeBufferPointer(rebasing: buf[start..<i]), evaluator, &out) {
            count += 1
          }
          start = i + 1
        }
        if atEnd, start < filled {
          if evaluate(UnsafeBufferPointer(rebasing: buf[start..<filled]), evaluator, &out) {
            count += 1
          }
          start = filled
        }
      }
      if out.count >= 1 << 20 { try flush() }
      if start > 0 {
        buffer.withUnsafeMutableBufferPointer { buf in
          guard let base = buf.baseAddress else { return }
          memmove(base, base + start, filled - start)
        }
        filled -= start
      }
      if atEnd { break }
    }
    evaluator.flushLines(into: &out)
    try flush()
    return count
  }

  private func evaluate(_ line: UnsafeBufferPointer<UInt8>, _ e: Evaluator, _ out: inout [UInt8])
    -> Bool
  {
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return false }
    return e.enqueueLine(line, asOf: asOf, shard: shard, into: &out)
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

/// An I/O failure while streaming a population (the errno).
public enum BatchError: Error, CustomStringConvertible {
  case read(Int32)
  case write(Int32)

  public var description: String {
    switch self {
    case .read(let e): "cannot read the population: \(String(cString: strerror(e)))"
    case .write(let e): "cannot write the results: \(String(cString: strerror(e)))"
    }
  }
}
