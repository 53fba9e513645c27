import CivilCalendar

@testable import RuleLanguage

/// Each citizen's JSON line from the vector lane (one batch) and from the general machine
/// alone, for tests that hold the lane to the machine.
struct LaneAndGeneral {
  let lane: String
  let general: String
  /// The evaluator that ran the lane, for its counters.
  let evaluator: Evaluator

  init(_ book: RuleBook, lines: [String], asOf: CivilDate) {
    let (lane, general) = (book.evaluator(), book.evaluator())
    general.vectorLaneEnabled = false
    var (x, y): ([UInt8], [UInt8]) = ([], [])
    for line in lines {
      Array(line.utf8).withUnsafeBufferPointer {
        lane.enqueueLine($0, asOf: asOf, into: &x)
        general.evaluateLine($0, asOf: asOf, into: &y)
      }
    }
    lane.flushLines(into: &x)
    self.lane = String(decoding: x, as: UTF8.self)
    self.general = String(decoding: y, as: UTF8.self)
    evaluator = lane
  }
}
