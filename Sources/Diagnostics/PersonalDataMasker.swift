/// Masks resident registration numbers and phone numbers in free text before it is logged.
///
/// One rule for every output (PIPA practice: two outputs masked differently reveal the whole
/// number): logs show `900101-*******`, `010-****-5678` and `+82-10-****-5678`. Swift Regex
/// has no lookbehind, so this is a small scanner. Only a number of that shape standing on its
/// own is masked: it may not start inside a longer digit run or a decimal fraction
/// (`0.1791161234567…`, a retry delay) nor run on into more digits, so ordinary numbers in logs
/// stay readable. Thirteen digits with no separator are an RRN only when the first six are a
/// date (YYMMDD: month 01–12, day 01–31): otherwise they are a millisecond timestamp or an
/// id, and ambiguous; with a separator the shape alone is enough (a mistyped number is still
/// masked). The audit pattern it guarantees no log line matches is bounded the same way
/// (`PersonalDataMaskerTests.auditPattern`). It is idempotent, which the tests fuzz.
public enum PersonalDataMasker {
  /// The text with every RRN and phone number masked; everything else unchanged.
  public static func mask(_ text: String) -> String {
    // Fast path: text without six digits in it cannot hold an RRN or a phone number.
    guard text.unicodeScalars.lazy.filter(isDigit).count >= 6 else { return text }
    // The digits a mask leaves visible can form a new number with their neighbours
    // ("010-****-5678" + "3459001…"), so mask until nothing changes. Every pass turns digits
    // into '*', so this ends, and the result is idempotent by construction.
    var current = text
    while true {
      let next = maskOnce(current)
      if next == current { return current }
      current = next
    }
  }

  private static func maskOnce(_ text: String) -> String {
    let a = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < a.count {
      guard isDigit(a[i]) else {
        out.append(a[i])
        i += 1
        continue
      }
      // +82 10 1234 5678: the country code stands for the leading 0.
      if i > 0, a[i - 1] == "+", let (end, first, hidden, last) = internationalPhone(a, i) {
        let masked = "82-\(first)-\(String(repeating: "*", count: hidden))-\(last)"
        out.append(contentsOf: masked.unicodeScalars)
        i = end
        continue
      }
      guard standsAlone(a, i) else {
        out.append(a[i])
        i += 1
        continue
      }
      if let (end, front) = residentNumber(a, i) {
        out.append(contentsOf: "\(front)-*******".unicodeScalars)
        i = end
      } else if let (end, first, hidden, last) = phoneNumber(a, i) {
        let masked = "\(first)-\(String(repeating: "*", count: hidden))-\(last)"
        out.append(contentsOf: masked.unicodeScalars)
        i = end
      } else {
        out.append(a[i])
        i += 1
      }
    }
    return String(out)
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

  /// Whether a number may start at `i`: not inside a digit run, nor the fraction of a decimal
  /// (`.` or `,` right after a digit).
  private static func standsAlone(_ a: [Unicode.Scalar], _ i: Int) -> Bool {
    guard i > 0 else { return true }
    if isDigit(a[i - 1]) { return false }
    let point = a[i - 1] == "." || a[i - 1] == ","
    return !(point && i > 1 && isDigit(a[i - 2]))
  }

  private static func digits(_ a: [Unicode.Scalar], _ i: Int, _ n: Int) -> String? {
    guard i >= 0, i + n <= a.count else { return nil }
    var s = ""
    for k in i..<(i + n) {
      guard isDigit(a[k]) else { return nil }
      s.unicodeScalars.append(a[k])
    }
    return s
  }

  private static func skipSeparator(_ a: [Unicode.Scalar], _ i: Int, _ allowed: String) -> Int {
    i < a.count && allowed.unicodeScalars.contains(a[i]) ? i + 1 : i
  }

  private static func endsRun(_ a: [Unicode.Scalar], _ i: Int) -> Bool {
    i >= a.count || !isDigit(a[i])
  }

  /// Six digits, an optional separator, then seven digits starting 1…8 (the RRN shape).
  ///
  /// With a separator the date is not checked, since a log must not keep even a mistyped number;
  /// without one the six digits must be a date, or thirteen digits are just a long number.
  private static func residentNumber(_ a: [Unicode.Scalar], _ i: Int) -> (Int, String)? {
    guard let front = digits(a, i, 6) else { return nil }
    let j = skipSeparator(a, i + 6, "-‐– ")
    guard let back = digits(a, j, 7), let g = back.first, ("1"..."8").contains(g),
      endsRun(a, j + 7)
    else { return nil }
    if j == i + 6 {
      let month = Int(front.dropFirst(2).prefix(2)) ?? 0
      let day = Int(front.suffix(2)) ?? 0
      guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    }
    return (j + 7, front)
  }

  /// After `+`: `82`, an optional separator, a mobile `1X` or Seoul `2` (the leading 0
  /// dropped), then 3–4 and 4 digits, separators '-', '.', ' ' or none.
  private static func internationalPhone(_ a: [Unicode.Scalar], _ i: Int) -> (
    Int, String, Int, String
  )? {
    guard digits(a, i, 2) == "82" else { return nil }
    let j = skipSeparator(a, i + 2, "-. ")
    var prefixes: [String] = []
    if let p2 = digits(a, j, 2), p2.hasPrefix("1"), "016789".contains(p2.last ?? "x") {
      prefixes.append(p2)
    }
    if digits(a, j, 1) == "2" { prefixes.append("2") }
    for prefix in prefixes {
      let k = skipSeparator(a, j + prefix.count, "-. ")
      for middle in [4, 3] {
        guard digits(a, k, middle) != nil else { continue }
        let m = skipSeparator(a, k + middle, "-. ")
        if let last = digits(a, m, 4), endsRun(a, m + 4) {
          return (m + 4, prefix, middle, last)
        }
      }
    }
    return nil
  }

  /// Mobile `01X`, Seoul `02`, regional `0[3-6][1-5]` and `070`, then 3–4 digits, then 4;
  /// separators '-', '.', ' ' or none; the caller checked it starts on its own, and it must end
  /// where the digits end.
  private static func phoneNumber(_ a: [Unicode.Scalar], _ i: Int) -> (Int, String, Int, String)? {
    var prefixes: [String] = []
    if let p3 = digits(a, i, 3) {
      let c = Array(p3)
      let mobile = c[0] == "0" && c[1] == "1" && "016789".contains(c[2])
      let regional = c[0] == "0" && ("3"..."6").contains(c[1]) && ("1"..."5").contains(c[2])
      if mobile || regional || p3 == "070" { prefixes.append(p3) }
    }
    if digits(a, i, 2) == "02" { prefixes.append("02") }
    for prefix in prefixes {
      let j = skipSeparator(a, i + prefix.count, "-. ")
      for middle in [4, 3] {
        guard digits(a, j, middle) != nil else { continue }
        let k = skipSeparator(a, j + middle, "-. ")
        if let last = digits(a, k, 4), endsRun(a, k + 4) {
          return (k + 4, prefix, middle, last)
        }
      }
    }
    return nil
  }
}
