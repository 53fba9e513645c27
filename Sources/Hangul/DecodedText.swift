/// Text decoded from untrusted bytes (a file, stdin, a socket), with what had to be replaced.
public struct DecodedText: Sendable, Equatable {
  public let text: String
  /// How many invalid UTF-8 sequences were replaced by U+FFFD.
  public let replacements: Int
  /// Byte offset of the first invalid sequence, for a located error message.
  public let firstInvalidOffset: Int?

  /// Decodes UTF-8, replacing each invalid sequence by U+FFFD and counting them.
  public init(utf8 bytes: some Collection<UInt8>) {
    if let valid = String(validating: bytes, as: UTF8.self) {
      text = valid
      replacements = 0
      firstInvalidOffset = nil
      return
    }
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var scalars = String.UnicodeScalarView()
    var replaced = 0
    var firstInvalid: Int?
    var offset = 0
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
        offset += UTF8.width(scalar)
      case .error:
        replaced += 1
        if firstInvalid == nil { firstInvalid = offset }
        scalars.append("\u{FFFD}")
        offset += 1
      case .emptyInput:
        break loop
      }
    }
    text = String(scalars)
    replacements = replaced
    firstInvalidOffset = firstInvalid
  }
}
