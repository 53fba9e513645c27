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
  /// Evaluate only the citizens of this shard.
  public var shard: Shard?
  /// Working days for `is_business_day` and `next_business_day` (weekends only by default).
  public var calendar: any BusinessCalendar
  /// Called after each read of the population with the citizens evaluated and the bytes
  /// read so far (a progress line).
  public var progress: (@Sendable (_ citizens: Int, _ bytesRead: Int) -> Void)?

  public init(
    asOf: CivilDate, shard: Shard? = nil,
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
    var count = 0
    try PopulationLines.read(inputDescriptor) { line in
      if evaluate(line, evaluator, &out) { count += 1 }
    } afterChunk: { bytes in
      if out.count >= 1 << 20 { try PopulationLines.write(&out, to: outputDescriptor) }
      progress?(count, bytes)
    }
    evaluator.flushLines(into: &out)
    try PopulationLines.write(&out, to: outputDescriptor)
    return count
  }

  private func evaluate(_ line: UnsafeBufferPointer<UInt8>, _ e: Evaluator, _ out: inout [UInt8])
    -> Bool
  {
    if PopulationLines.isBlank(line) { return false }
    return e.enqueueLine(line, asOf: asOf, shard: shard, into: &out)
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
