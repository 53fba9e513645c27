extension CivilDate {
  /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
  public init?(iso text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = CivilDate.digits(bytes[0..<4]), let m = CivilDate.digits(bytes[5..<7]),
      let d = CivilDate.digits(bytes[8..<10])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for b in bytes {
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(b - UInt8(ascii: "0"))
    }
    return value
  }
}
