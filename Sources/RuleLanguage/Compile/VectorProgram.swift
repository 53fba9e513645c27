/// A compiled expression of the vector lane: fills a column of the machine's current space
/// (one word per lane, encoded as in the fast lane, `FastValue`) and returns it.
///
/// A kernel computes every lane of the space, but it may fail a lane, or follow a list or
/// record offset, only where the space's `active` mask is 1: inactive lanes are what a
/// conditional's other branch computes, and their values are never read.
typealias VecEval = @Sendable (VectorMachine) -> UnsafeMutablePointer<Int>

/// A rule book compiled for the vector lane; immutable, shared by every evaluator.
///
/// It covers exactly the rules the fast lane compiles (the others stay on the general
/// machine in both), so a citizen it decides is written as the fast lane would write it.
struct VectorProgram: Sendable {
  /// Every compiled rule in order, each writing its value and outputs for the batch.
  var run: @Sendable (VectorMachine) -> Void = { _ in }
  var ruleCount = 0
  var outputCount = 0
  /// The rules the fast lane leaves to the general machine (not run here).
  var generalRules: Set<Int> = []
  var factTypes: [RuleType] = []
  var records: [[RuleType]] = []
  var params: [ParamInfo] = []
  var texts: [String: Int] = [:]
  /// Outputs of type text (a text outside the book's constants leaves the citizen to the
  /// other lanes) and of list type (copied out element by element).
  var textOutputs: [Int] = []
  /// The rule writing each output.
  var outputRule: [Int] = []
  var readFacts: [Int] = []
  var slotCount = 0
  var cacheCount = 0
  /// Calls that read only facts, parameters and the day, by id (`VectorCompiler.batchCached`),
  /// and whether the book makes each one more than once (only those are kept per batch).
  var batchCacheCount = 0
  var batchCacheReused: [Bool] = []
}

/// The vector lane's failure to compile a construct: the book then has no vector lane.
struct VectorUnsupported: Error {
  var site: String

  init(file: String = #fileID, line: Int = #line) {
    site = "\(file):\(line)"
  }
}
