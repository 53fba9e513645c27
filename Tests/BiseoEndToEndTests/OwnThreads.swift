import Foundation
import Testing

/// Runs a suite's tests on threads of their own instead of Swift's cooperative pool.
///
/// These tests block while `biseo` processes run (crash loops, Chromium, `waitUntilExit`).
/// The cooperative pool has one thread per core — two in CI — so two blocking tests used to
/// stall every other test of the run for minutes. With a task executor preference the
/// blocking happens on a thread started for it, and the pool stays free.
struct OwnThreads: SuiteTrait, TestTrait, TestScoping {
  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?,
    performing function: @Sendable () async throws -> Void
  ) async throws {
    try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try await function() }
  }
}

extension Trait where Self == OwnThreads {
  /// Runs the tests on their own threads: for tests that block.
  static var ownThreads: OwnThreads { OwnThreads() }
}

/// Runs every job on a new thread of its own, never on Swift's cooperative pool.
///
/// The pool has one thread per core — two in CI — and the test run keeps it full of
/// CPU-bound tests for minutes. Tests that block (child processes, `usleep`) use this executor
/// through `withTaskExecutorPreference`, so they neither starve the pool nor queue behind it.
/// A thread per job costs nothing next to the blocking stretches these jobs are.
final class ThreadPerJobExecutor: TaskExecutor {
  static let shared = ThreadPerJobExecutor()

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    Thread { job.runSynchronously(on: executor) }.start()
  }
}

/// Runs blocking work (starting a server, running a process) on a thread of its own: the
/// cooperative pool has as many threads as cores, and every other test's continuations
/// need them.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread {
      do { continuation.resume(returning: try body()) } catch {
        continuation.resume(throwing: error)
      }
    }.start()
  }
}
