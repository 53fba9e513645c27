import Dispatch

/// Runs blocking work (child processes, `usleep`) on a Dispatch thread instead of the cooperative
/// pool, which has only as many threads as cores: blocking it starves every async test.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
  }
}
