import Glibc

/// Linux epoll, reached through `dlsym`.
///
/// The toolchain's `Glibc` module does not export `<sys/epoll.h>`, and a C shim target for
/// three functions would be a heavier dependency. The function pointers are typed
/// `@convention(c)`, so the calls use the C ABI.
struct Epoll: ~Copyable {
  private typealias Create = @convention(c) (Int32) -> Int32
  private typealias Control =
    @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
  private typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32

  private struct Functions: @unchecked Sendable {
    let create: Create
    let control: Control
    let wait: Wait
  }

  private static let functions: Functions? = {
    let handle = dlopen(nil, RTLD_NOW)
    guard let create = dlsym(handle, "epoll_create1"), let control = dlsym(handle, "epoll_ctl"),
      let wait = dlsym(handle, "epoll_wait")
    else { return nil }
    return Functions(
      create: unsafeBitCast(create, to: Create.self),
      control: unsafeBitCast(control, to: Control.self), wait: unsafeBitCast(wait, to: Wait.self))
  }()

  static let readable: UInt32 = 0x001
  static let writable: UInt32 = 0x004
  static let error: UInt32 = 0x008
  static let hangUp: UInt32 = 0x010
  static let exclusive: UInt32 = 1 << 28

  #if arch(x86_64)
    // `struct epoll_event` is packed on x86-64: u32 events, then the u64 data at offset 4.
    private static let eventSize = 12
    private static let dataOffset = 4
  #else
    private static let eventSize = 16
    private static let dataOffset = 8
  #endif

  let descriptor: Int32
  private let events: UnsafeMutableRawPointer
  private let capacity: Int

  /// Opens an epoll instance reporting at most `capacity` events per wait.
  init(capacity: Int = 256) throws(GatewayError) {
    guard let functions = Self.functions else { throw .system("epoll unavailable", 0) }
    let descriptor = functions.create(Int32(O_CLOEXEC))
    guard descriptor >= 0 else { throw .system("epoll_create1", errno) }
    self.descriptor = descriptor
    self.capacity = capacity
    events = UnsafeMutableRawPointer.allocate(byteCount: capacity * Self.eventSize, alignment: 8)
  }

  deinit {
    events.deallocate()
    close(descriptor)
  }

  /// Starts, changes or stops watching `fd`; `token` comes back with its events.
  @discardableResult
  func add(_ fd: Int32, events mask: UInt32, token: UInt64) -> Bool {
    control(1, fd, mask, token)
  }

  @discardableResult
  func modify(_ fd: Int32, events mask: UInt32, token: UInt64) -> Bool {
    control(3, fd, mask, token)
  }

  func remove(_ fd: Int32) { _ = control(2, fd, 0, 0) }

  private func control(_ operation: Int32, _ fd: Int32, _ mask: UInt32, _ token: UInt64) -> Bool {
    guard let functions = Self.functions else { return false }
    var record = (UInt64(0), UInt64(0))
    return withUnsafeMutableBytes(of: &record) { raw in
      raw.storeBytes(of: mask, toByteOffset: 0, as: UInt32.self)
      raw.storeBytes(of: token, toByteOffset: Self.dataOffset, as: UInt64.self)
      return functions.control(descriptor, operation, fd, raw.baseAddress) == 0
    }
  }

  /// Waits up to `timeoutMilliseconds` and calls `body(token, events)` for each ready descriptor.
  func wait(timeoutMilliseconds: Int32, _ body: (UInt64, UInt32) -> Void) {
    guard let functions = Self.functions else { return }
    let count = functions.wait(descriptor, events, Int32(capacity), timeoutMilliseconds)
    guard count > 0 else { return }
    for index in 0..<Int(count) {
      let base = events + index * Self.eventSize
      let mask = base.loadUnaligned(as: UInt32.self)
      let token = base.loadUnaligned(fromByteOffset: Self.dataOffset, as: UInt64.self)
      body(token, mask)
    }
  }
}
