/// One accepted socket and its buffers; owned and touched by a single event loop.
final class Connection {
  /// What the connection is waiting for, which decides what its deadline means.
  enum Phase {
    /// Between HTTP requests (or before the first byte of a line): closed silently at the deadline.
    case idle
    /// Receiving a head (from its first byte, or from accept for the first request): 408.
    case head
    /// Receiving a body: 408 after a silence.
    case body
    /// A responder call is in flight: no deadline.
    case busy
    /// Output is pending: closed if the client does not read it in time.
    case writing
    /// The last response is sent and our side is shut; draining input until EOF or the deadline.
    case lingering
  }

  let id: UInt64
  let descriptor: Int32
  let wire: ListenAddress.Wire
  var input: [UInt8] = []
  var inputStart = 0
  var output: [UInt8] = []
  var outputStart = 0
  var phase: Phase = .head
  var deadline: UInt64 = .max
  /// When the current request's head began (first byte), if it has.
  var headStarted: UInt64?
  var requestsServed = 0
  var busy = false
  var closeAfterWrite = false
  var readClosed = false
  var sentContinue = false
  /// A line-JSON line overflowed; the rest up to the newline is being skipped.
  var discardingLine = false
  /// The epoll interest currently registered.
  var interest: UInt32 = 0

  init(id: UInt64, descriptor: Int32, wire: ListenAddress.Wire) {
    self.id = id
    self.descriptor = descriptor
    self.wire = wire
  }

  var pendingInput: Int { input.count - inputStart }
  var pendingOutput: Int { output.count - outputStart }

  /// Drops consumed input, compacting the buffer once the dead prefix is large.
  func consumeInput(_ count: Int) {
    inputStart += count
    if inputStart == input.count {
      input.removeAll(keepingCapacity: input.capacity <= 256 * 1024)
      inputStart = 0
    } else if inputStart > 32 * 1024 {
      input.removeFirst(inputStart)
      inputStart = 0
    }
  }

  /// Drops written output.
  func consumeOutput(_ count: Int) {
    outputStart += count
    if outputStart == output.count {
      output.removeAll(keepingCapacity: output.capacity <= 256 * 1024)
      outputStart = 0
    }
  }
}
