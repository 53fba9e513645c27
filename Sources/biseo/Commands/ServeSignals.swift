import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// SIGTERM and SIGINT end `biseo serve`; SIGHUP runs a reload.
///
/// Installed before the bound addresses are printed: a client that signals the server as soon
/// as it sees an address must never meet the default action, which for SIGHUP is to die.
final class ServeSignals: Sendable {
  /// The sources must stay alive for their handlers to run; they are only touched in `init`.
  private nonisolated(unsafe) let sources: [any DispatchSourceSignal]
  private let stops: AsyncStream<Void>

  /// - Parameter onHangUp: what SIGHUP does (run on the signal queue, one at a time); nil
  ///   ignores it.
  init(onHangUp: (@Sendable () -> Void)?) {
    let (stops, continuation) = AsyncStream<Void>.makeStream()
    self.stops = stops
    let queue = DispatchQueue(label: "biseo-serve-signals")
    sources = SignalSources.make([SIGTERM, SIGINT, SIGHUP], queue: queue) { number in
      if number == SIGHUP { return { onHangUp?() } }
      return { continuation.yield() }
    }
  }

  deinit {
    for source in sources { source.cancel() }
  }

  /// Returns once SIGTERM or SIGINT has arrived.
  func terminated() async {
    for await _ in stops { return }
  }
}
