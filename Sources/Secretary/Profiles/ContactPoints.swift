import CivilCalendar

/// Where a citizen may be reached, and since when they agreed to it: the profile's `contacts`.
///
/// ```json
/// "contacts": {
///   "email": {"address": "junho@example.com", "consentedAt": "2026-06-01"},
///   "mobile": {"number": "010-1234-5678", "consentedAt": "2026-06-01"},
///   "apps": {"kakao": {"userId": "k-81aa", "consentedAt": "2026-06-01"}}
/// }
/// ```
///
/// A point without a `consentedAt` date is not used: nothing is sent to an address the citizen
/// did not agree to (개인정보 보호법 §15). Which point a channel uses is `contact:` in
/// `Rules/channels.txt`.
public struct ContactPoints: Sendable, Equatable {
  /// What a channel needs to reach the citizen.
  public enum Kind: String, Sendable {
    case email, mobile, app
  }

  /// One address and when the citizen consented to it (nil: no consent recorded).
  public struct Point: Sendable, Equatable {
    public var address: String
    public var consentedAt: CivilDate?
  }

  public var email: Point?
  public var mobile: Point?
  /// App user ids by channel name (`kakao`, `naver`, `toss`).
  public var apps: [String: Point] = [:]

  /// Reads `contacts`; a missing or malformed member is simply absent.
  public init(_ profile: JSONValue) {
    let contacts = profile["contacts"]
    email = Self.point(contacts?["email"], "address")
    mobile = Self.point(contacts?["mobile"], "number")
    if case .object(let members)? = contacts?["apps"] {
      for (name, value) in members {
        if let point = Self.point(value, "userId") { apps[name] = point }
      }
    }
  }

  static func point(_ value: JSONValue?, _ key: String) -> Point? {
    guard let address = value?[key]?.stringValue else { return nil }
    return Point(
      address: address,
      consentedAt: value?["consentedAt"]?.stringValue.flatMap(CivilDate.init(iso:)))
  }

  /// The address for `channel` of `kind`, or why there is none (for the ledger's parked state).
  ///
  /// The reason names the profile key to fill, never the address itself (it goes to logs).
  public func address(kind: Kind, channel: String) -> Result<String, Missing> {
    let (point, path): (Point?, String) =
      switch kind {
      case .email: (email, "contacts.email")
      case .mobile: (mobile, "contacts.mobile")
      case .app: (apps[channel], "contacts.apps.\(channel)")
      }
    guard let point, !point.address.isEmpty else { return .failure(Missing("no \(path)")) }
    guard point.consentedAt != nil else {
      return .failure(Missing("\(path) has no consentedAt (no consent to contact)"))
    }
    let valid =
      switch kind {
      case .email: Self.isEmailAddress(point.address)
      case .mobile: Self.isMobileNumber(point.address)
      case .app: !point.address.contains(where: \.isNewline)
      }
    return valid ? .success(point.address) : .failure(Missing("\(path) is malformed"))
  }

  /// Why a channel has no address for the citizen.
  public struct Missing: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// `local@domain.tld` with no spaces, angle brackets or line breaks (what SMTP `RCPT TO` takes).
  public static func isEmailAddress(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
    else { return false }
    return !text.unicodeScalars.contains {
      !$0.isASCII || $0.value <= 0x20 || "<>()[],;:\\\"".unicodeScalars.contains($0)
    }
  }

  /// A Korean mobile number: `01X` and 7–8 more digits, hyphens or spaces allowed, or `+82 1X…`.
  public static func isMobileNumber(_ text: String) -> Bool {
    var digits = text.filter { $0 != "-" && $0 != " " }
    if digits.hasPrefix("+82") { digits = "0" + digits.dropFirst(3) }
    return digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
      && digits.hasPrefix("01") && (10...11).contains(digits.count)
  }
}
