import Foundation

/// Runs every job on a new thread of its own, never on Swift's cooperative pool.
///
/// The pool has one thread per core — two in CI — and the test run keeps it full of
/// CPU-bound tests for minutes. Tests that block (child processes, `usleep`) or that wait for
/// a responder's continuation (a server under test) use this executor through
/// `withTaskExecutorPreference`, so they neither starve the pool nor queue behind it. A thread
/// per job costs nothing next to the blocking stretches these jobs are.
public final class ThreadPerJobExecutor: TaskExecutor {
  public static let shared = ThreadPerJobExecutor()

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    Thread { job.runSynchronously(on: executor) }.start()
  }
}
