import Delivery
import Foundation
import Synchronization

/// One-time link codes: issued by the operator after 본인인증, typed by the citizen as
/// "인증번호 123456" on any channel, spent on first use.
///
/// A code is six digits from the system's CSPRNG, kept only as its SHA-256 and valid for
/// `Policy.lifetime`. Six digits are few, so wrong codes are limited twice: an identity that
/// sends `identityTries` wrong codes is locked out for `lockout` seconds, and once
/// `citizenTries` wrong codes arrive (from anyone) while a citizen's code is outstanding, that
/// code is revoked and the operator issues a new one. A guesser therefore gets at most
/// `citizenTries` of a million tries at any one code.
public final class LinkCodes: Sendable {
  /// The limits.
  public struct Policy: Sendable {
    /// Seconds a code stays valid.
    public var lifetime = 600
    /// Wrong codes one identity may send before it is locked out.
    public var identityTries = 5
    /// Seconds an identity stays locked out.
    public var lockout = 900
    /// Wrong codes (from anyone) an outstanding code survives.
    public var citizenTries = 20

    public init() {}
  }

  /// What typing a code did.
  public enum Redemption: Sendable, Equatable {
    /// The identity now speaks for this citizen.
    case linked(citizen: String)
    /// No such code (or expired, or spent); this many tries remain before a lockout.
    case wrong(triesLeft: Int)
    /// Too many wrong codes from this identity; try again after this instant (Unix seconds).
    case lockedOut(until: Int)
    /// The journal could not be written; nothing changed.
    case unavailable
  }

  /// Counters for `/metrics`.
  public struct Counts: Sendable, Equatable {
    public var linked = 0
    public var wrongCodes = 0
    public var identityLockouts = 0
    public var codesRevoked = 0
  }

  public let book: LinkBook
  public let policy: Policy
  private struct Strikes {
    var count = 0
    var lockedUntil = 0
  }
  private let identityStrikes = Mutex<[String: Strikes]>([:])
  private let citizenStrikes = Mutex<[String: Int]>([:])
  private let counters = Mutex(Counts())
  /// Identities tracked at most; beyond it the ones not locked out are forgotten first, so a
  /// flood of fresh identities costs memory only up to here.
  private static let maxTracked = 100_000

  public init(book: LinkBook, policy: Policy = Policy()) {
    self.book = book
    self.policy = policy
  }

  /// The counters so far.
  public var counts: Counts { counters.withLock { $0 } }

  /// The SHA-256 (hex) a code is stored as.
  public static func hash(_ code: String) -> String {
    SHA256.hash(Array("biseo-link-code:\(code)".utf8)).hexString
  }

  /// Issues a fresh code for `citizen` and journals its hash.
  ///
  /// - Parameters:
  ///   - citizen: the citizen the operator verified (the caller checks it exists).
  ///   - book: the link journal.
  ///   - now: Unix seconds.
  ///   - lifetime: seconds the code stays valid.
  /// - Returns: the six digits, to hand to the citizen (never stored).
  public static func issue(citizen: String, book: LinkBook, now: Int, lifetime: Int = 600)
    throws(LinkBook.Failure) -> String
  {
    var generator = SystemRandomNumberGenerator()
    let code = String(Int.random(in: 1_000_000..<2_000_000, using: &generator)).dropFirst()
    try book.append([.code(citizen: citizen, hash: hash(String(code)), expires: now + lifetime)])
    return String(code)
  }

  /// Tries a code typed by `identity`.
  ///
  /// - Parameters:
  ///   - code: the six digits typed.
  ///   - identity: `platform:sender`.
  ///   - now: Unix seconds.
  public func redeem(_ code: String, identity: String, now: Int) -> Redemption {
    let locked = identityStrikes.withLock { $0[identity].map(\.lockedUntil) ?? 0 }
    if locked > now { return .lockedOut(until: locked) }
    let hash = Self.hash(code)
    if let found = book.state.codes[hash], found.expires > now {
      do {
        try book.append([
          .linked(identity: identity, citizen: found.citizen, hash: hash, at: now)
        ])
      } catch {
        return .unavailable
      }
      identityStrikes.withLock { $0[identity] = nil }
      citizenStrikes.withLock { $0[found.citizen] = nil }
      counters.withLock { $0.linked += 1 }
      return .linked(citizen: found.citizen)
    }
    return strike(identity: identity, now: now)
  }

  private func strike(identity: String, now: Int) -> Redemption {
    counters.withLock { $0.wrongCodes += 1 }
    // Every citizen with a code outstanding takes the strike: a guess could have been theirs.
    let outstanding = Set(book.state.codes.values.filter { $0.expires > now }.map(\.citizen))
    let revoke = citizenStrikes.withLock { strikes -> [String] in
      strikes = strikes.filter { outstanding.contains($0.key) }
      var spent: [String] = []
      for citizen in outstanding {
        strikes[citizen, default: 0] += 1
        if strikes[citizen, default: 0] >= policy.citizenTries {
          strikes[citizen] = nil
          spent.append(citizen)
        }
      }
      return spent.sorted()
    }
    if !revoke.isEmpty {
      try? book.append(revoke.map { .codesRevoked(citizen: $0, at: now) })
      counters.withLock { $0.codesRevoked += revoke.count }
    }
    let result = identityStrikes.withLock { all -> Redemption in
      if all.count >= Self.maxTracked { all = all.filter { $0.value.lockedUntil > now } }
      var strikes = all[identity] ?? Strikes()
      strikes.count += 1
      if strikes.count >= policy.identityTries {
        strikes = Strikes(count: 0, lockedUntil: now + policy.lockout)
        all[identity] = strikes
        return .lockedOut(until: strikes.lockedUntil)
      }
      all[identity] = strikes
      return .wrong(triesLeft: policy.identityTries - strikes.count)
    }
    if case .lockedOut = result { counters.withLock { $0.identityLockouts += 1 } }
    return result
  }
}
