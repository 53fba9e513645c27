import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Signal sources that are live when `make` returns.
///
/// `resume()` registers a source asynchronously, and until it is registered the signal meets
/// `SIG_IGN` and is lost: a SIGHUP sent as soon as `serve` printed its address was, and the
/// reload never happened. Waiting for every source's registration handler closes that window.
enum SignalSources {
  static func make(
    _ signals: [Int32], queue: DispatchQueue,
    handler: (Int32) -> @Sendable () -> Void
  ) -> [any DispatchSourceSignal] {
    let registered = DispatchSemaphore(value: 0)
    var sources: [any DispatchSourceSignal] = []
    for number in signals {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler(handler: handler(number))
      source.setRegistrationHandler { registered.signal() }
      source.resume()
      sources.append(source)
    }
    // Bounded: a source that never registers must not hang start-up.
    for _ in sources { _ = registered.wait(timeout: .now() + .seconds(2)) }
    return sources
  }
}
