import CivilCalendar
import Foundation
import Testing

@testable import Secretary

@Suite struct ContactPointsTests {
  static func profile(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text, path: "p.json").get()
  }

  @Test("contacts: e-mail, mobile and app ids, each used only with a consent time")
  func readsContactsWithConsent() throws {
    let contacts = ContactPoints(
      try Self.profile(
        """
        {"contacts": {
          "email": {"address": "junho@example.com", "consentedAt": "2026-06-01"},
          "mobile": {"number": "010-1234-5678", "consentedAt": "2026-06-01"},
          "apps": {"kakao": {"userId": "k-81aa", "consentedAt": "2026-06-01"},
                   "naver": {"userId": "n-1"}}
        }}
        """))
    #expect(contacts.address(kind: .email, channel: "email") == .success("junho@example.com"))
    #expect(contacts.address(kind: .mobile, channel: "sms") == .success("010-1234-5678"))
    #expect(contacts.address(kind: .app, channel: "kakao") == .success("k-81aa"))
    #expect(
      contacts.address(kind: .app, channel: "naver")
        == .failure(.init("contacts.apps.naver has no consentedAt (no consent to contact)")))
    #expect(
      contacts.address(kind: .app, channel: "toss") == .failure(.init("no contacts.apps.toss")))
  }

  @Test("a missing, malformed or unconsented address says which key to fill, never the address")
  func missingAddressesAreExplained() throws {
    #expect(
      ContactPoints(.null).address(kind: .email, channel: "email")
        == .failure(.init("no contacts.email")))
    let bad = ContactPoints(
      try Self.profile(
        #"{"contacts": {"email": {"address": "junho", "consentedAt": "2026-06-01"}}}"#))
    #expect(
      bad.address(kind: .email, channel: "email") == .failure(.init("contacts.email is malformed")))
    let wrongType = ContactPoints(try Self.profile(#"{"contacts": {"email": 42}}"#))
    #expect(wrongType.email == nil)
  }

  @Test(arguments: [
    ("junho@example.com", true), ("a.b+c@mail.biseo.example", true), ("junho", false),
    ("a@b", false), ("a@@b.example", false), ("a b@c.example", false), ("<a@b.example>", false),
    ("a@b.example\r\nRCPT TO:<x@y.example>", false), ("준호@example.com", false), ("", false),
  ])
  func emailAddresses(text: String, valid: Bool) {
    #expect(ContactPoints.isEmailAddress(text) == valid)
  }

  @Test(arguments: [
    ("010-1234-5678", true), ("01012345678", true), ("+82 10 1234 5678", true),
    ("011-123-4567", true), ("02-123-4567", false), ("010-1234", false), ("0101234567a", false),
  ])
  func mobileNumbers(text: String, valid: Bool) {
    #expect(ContactPoints.isMobileNumber(text) == valid)
  }

  @Test("channels.txt says which contact each channel uses; the rest are app ids")
  func catalogContactKinds() {
    let catalog = ChannelCatalogTests.catalog
    #expect(catalog.contactKind(of: "email") == .email)
    #expect(catalog.contactKind(of: "sms") == .mobile)
    #expect(catalog.contactKind(of: "kakao") == .app)
    let (_, problems) = ChannelCatalog.parse("contact: email = fax\n", path: "c.txt")
    #expect(problems.count == 1)
  }

  @Test("every demo profile's contacts are well formed; some have e-mail at example domains")
  func demoProfilesHaveUsableEmail() throws {
    let folder = GoldenConversationTests.root.appendingPathComponent("Corpus/profiles").path
    var withEmail = 0
    for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
      let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
      let contacts = ContactPoints(try Self.profile(text))
      guard let email = contacts.email else { continue }
      #expect(
        contacts.address(kind: .email, channel: "email") == .success(email.address), "\(file)")
      #expect(
        email.address.hasSuffix("@example.com") || email.address.hasSuffix("@biseo.example"))
      withEmail += 1
    }
    #expect(withEmail >= 3)
  }
}
