#if canImport(Glibc)
  import Glibc
#endif

/// Writes one human-readable line per notice to a text sink (stdout by default).
///
/// Config kind `console`; setting `stream`: `stdout` (default) or `stderr`.
public struct ConsoleChannel: Channel {
  private let sink: @Sendable (String) -> Void

  /// Creates a console channel writing to `sink`.
  public init(sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

  /// Creates a console channel from its config entry.
  public init(config: ChannelConfig) {
    let fd: Int32 = config.settings["stream"] == "stderr" ? 2 : 1
    self.init { line in
      let bytes = Array(line.utf8)
      _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
  }

  public func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    let body = notice.body.replacingNewlines()
    sink("[\(notice.citizen)] \(notice.title): \(body) (\(notice.key))\n")
    return Receipt("printed")
  }
}

extension String {
  /// The text with CR and LF shown as spaces, so one notice stays one line.
  func replacingNewlines() -> String {
    String(map { $0.isNewline ? " " : $0 })
  }
}
