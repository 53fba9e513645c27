import Foundation
import RuleLanguage

/// Evaluators the planner reuses across citizens, lent to one caller at a time.
///
/// Making an evaluator allocates its machine's registers and encodes its output keys, which
/// costs more than planning a citizen who subscribed to little, and an evaluator is not
/// thread-safe. One evaluator serves every sample day of a plan: the lane runs a batch for
/// each day in turn (`Evaluator.recompute`).
final class EvaluatorPool: @unchecked Sendable {
  // @unchecked: `idle` is only touched under `lock`, and a lent evaluator belongs to its
  // caller.
  private let lock = NSLock()
  private var idle: [Evaluator] = []
  private let make: @Sendable () -> Evaluator

  init(_ make: @escaping @Sendable () -> Evaluator) { self.make = make }

  /// Runs `body` with an evaluator no one else is using.
  func with<T>(_ body: (Evaluator) -> T) -> T {
    let evaluator = lock.withLock { idle.popLast() } ?? make()
    defer { lock.withLock { idle.append(evaluator) } }
    return body(evaluator)
  }
}
