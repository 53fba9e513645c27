import Foundation

/// One record of the link journal (`DATA/links.journal`): a code issued, an identity linked or
/// unlinked, a citizen's codes revoked, a citizen forgotten.
///
/// A platform identity is `platform:sender` (`kakao:u-9f3a`, `web:3f…`), never a citizen id;
/// times are Unix seconds, passed in by the caller (the logic never reads a clock).
public enum LinkRecord: Sendable, Equatable {
  /// A one-time code for `citizen`, stored only as the SHA-256 of its digits.
  case code(citizen: String, hash: String, expires: Int)
  /// `identity` now speaks for `citizen`; the code (by hash) is spent.
  case linked(identity: String, citizen: String, hash: String, at: Int)
  /// `identity` speaks for nobody again.
  case unlinked(identity: String, at: Int)
  /// Every outstanding code of `citizen` is void (too many wrong codes were tried).
  case codesRevoked(citizen: String, at: Int)
  /// Every link and code of `citizen` is gone (an erasure).
  case forgotten(citizen: String, at: Int)
  /// `citizen`'s calendar feed answers only at a URL holding `secret` (a rotation replaces it).
  case feed(citizen: String, secret: String, at: Int)
  /// `citizen`'s calendar feed answers at no URL.
  case feedRevoked(citizen: String, at: Int)

  /// The record as one line of JSON, the journal's payload.
  public var payload: [UInt8] {
    let fields: [(String, JSONValue)]
    switch self {
    case .code(let citizen, let hash, let expires):
      fields = [
        ("op", .string("code")), ("citizen", .string(citizen)), ("hash", .string(hash)),
        ("expires", .number(String(expires))),
      ]
    case .linked(let identity, let citizen, let hash, let at):
      fields = [
        ("op", .string("link")), ("identity", .string(identity)), ("citizen", .string(citizen)),
        ("hash", .string(hash)), ("at", .number(String(at))),
      ]
    case .unlinked(let identity, let at):
      fields = [
        ("op", .string("unlink")), ("identity", .string(identity)), ("at", .number(String(at))),
      ]
    case .codesRevoked(let citizen, let at):
      fields = [
        ("op", .string("revoke")), ("citizen", .string(citizen)), ("at", .number(String(at))),
      ]
    case .forgotten(let citizen, let at):
      fields = [
        ("op", .string("forget")), ("citizen", .string(citizen)), ("at", .number(String(at))),
      ]
    case .feed(let citizen, let secret, let at):
      fields = [
        ("op", .string("feed")), ("citizen", .string(citizen)), ("secret", .string(secret)),
        ("at", .number(String(at))),
      ]
    case .feedRevoked(let citizen, let at):
      fields = [
        ("op", .string("feed-revoke")), ("citizen", .string(citizen)), ("at", .number(String(at))),
      ]
    }
    return Array(JSONValue.object(fields.map { (key: $0.0, value: $0.1) }).text.utf8)
  }

  /// Reads a payload back; nil for one this version does not know (skipped, never fatal).
  public init?(payload: [UInt8]) {
    guard
      case .success(let json) = JSONParser.parse(
        String(decoding: payload, as: UTF8.self), path: "links")
    else { return nil }
    let string = { (key: String) in json[key]?.stringValue }
    let number = { (key: String) -> Int? in
      if case .number(let text)? = json[key] { return Int(text) }
      return nil
    }
    switch string("op") {
    case "code":
      guard let citizen = string("citizen"), let hash = string("hash"),
        let expires = number("expires")
      else { return nil }
      self = .code(citizen: citizen, hash: hash, expires: expires)
    case "link":
      guard let identity = string("identity"), let citizen = string("citizen"),
        let hash = string("hash"), let at = number("at")
      else { return nil }
      self = .linked(identity: identity, citizen: citizen, hash: hash, at: at)
    case "unlink":
      guard let identity = string("identity"), let at = number("at") else { return nil }
      self = .unlinked(identity: identity, at: at)
    case "revoke":
      guard let citizen = string("citizen"), let at = number("at") else { return nil }
      self = .codesRevoked(citizen: citizen, at: at)
    case "forget":
      guard let citizen = string("citizen"), let at = number("at") else { return nil }
      self = .forgotten(citizen: citizen, at: at)
    case "feed":
      guard let citizen = string("citizen"), let secret = string("secret"), let at = number("at")
      else { return nil }
      self = .feed(citizen: citizen, secret: secret, at: at)
    case "feed-revoke":
      guard let citizen = string("citizen"), let at = number("at") else { return nil }
      self = .feedRevoked(citizen: citizen, at: at)
    default: return nil
    }
  }
}

/// What the link journal says now: the journal's records folded in order.
public struct LinkState: Sendable, Equatable {
  /// An outstanding code: whose it is and until when (Unix seconds, exclusive).
  public struct Code: Sendable, Equatable {
    public var citizen: String
    public var expires: Int
  }

  /// Identity → citizen.
  public var links: [String: String] = [:]
  /// SHA-256 hex of a code's digits → the code.
  public var codes: [String: Code] = [:]
  /// Citizen → the secret of their calendar feed URL.
  public var feeds: [String: String] = [:]

  public init() {}

  /// Applies one record.
  public mutating func apply(_ record: LinkRecord) {
    switch record {
    case .code(let citizen, let hash, let expires):
      codes[hash] = Code(citizen: citizen, expires: expires)
    case .linked(let identity, let citizen, let hash, _):
      codes[hash] = nil
      links[identity] = citizen
    case .unlinked(let identity, _):
      links[identity] = nil
    case .codesRevoked(let citizen, _):
      codes = codes.filter { $0.value.citizen != citizen }
    case .forgotten(let citizen, _):
      codes = codes.filter { $0.value.citizen != citizen }
      links = links.filter { $0.value != citizen }
      feeds[citizen] = nil
    case .feed(let citizen, let secret, _):
      feeds[citizen] = secret
    case .feedRevoked(let citizen, _):
      feeds[citizen] = nil
    }
  }

  /// The records that rebuild this state, codes expired by `now` left out: what compaction
  /// keeps (so an erased citizen's records leave the file).
  public func records(now: Int) -> [LinkRecord] {
    let codeRecords = codes.filter { $0.value.expires > now }.sorted { $0.key < $1.key }.map {
      LinkRecord.code(citizen: $0.value.citizen, hash: $0.key, expires: $0.value.expires)
    }
    // A kept link's code is spent already; its hash is not needed again.
    let linkRecords = links.sorted { $0.key < $1.key }.map {
      LinkRecord.linked(identity: $0.key, citizen: $0.value, hash: "", at: now)
    }
    let feedRecords = feeds.sorted { $0.key < $1.key }.map {
      LinkRecord.feed(citizen: $0.key, secret: $0.value, at: now)
    }
    return codeRecords + linkRecords + feedRecords
  }
}
