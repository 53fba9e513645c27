import Foundation
import RuleLanguage

/// Evaluators the planner reuses across citizens, lent to one caller at a time.
///
/// Making an evaluator allocates its machine's registers and encodes its output keys, which
/// costs more than planning a citizen who subscribed to little, and an evaluator is not
/// thread-safe. A loan is a row of evaluators, one per weekly sample of a plan: each then
/// stays on its own day from citizen to citizen, so the rule book's parameters (which depend
/// on the day) are looked up once per day instead of once per evaluation.
final class EvaluatorPool: @unchecked Sendable {
  /// One caller's evaluators, made on first use.
  final class Row {
    private var evaluators: [Evaluator] = []
    private let make: () -> Evaluator

    init(_ make: @escaping () -> Evaluator) { self.make = make }

    /// The evaluator for sample number `index`.
    subscript(index: Int) -> Evaluator {
      while evaluators.count <= index { evaluators.append(make()) }
      return evaluators[index]
    }
  }

  // @unchecked: `idle` is only touched under `lock`, and a lent row belongs to its caller.
  private let lock = NSLock()
  private var idle: [Row] = []
  private let make: @Sendable () -> Evaluator

  init(_ make: @escaping @Sendable () -> Evaluator) { self.make = make }

  /// Runs `body` with a row of evaluators no one else is using.
  func with<T>(_ body: (Row) -> T) -> T {
    let row = lock.withLock { idle.popLast() } ?? Row(make)
    defer { lock.withLock { idle.append(row) } }
    return body(row)
  }
}
