import RuleLanguage
import Synchronization

/// Citizens' facts as the rule book decoded them, each kept with the profile it came from and
/// used only while the stored profile is still that one (a learned fact makes a new profile).
final class DecodedFacts: Sendable {
  private struct Entry: Sendable {
    var profile: JSONValue
    var facts: Profile
  }
  private let cache: Mutex<LRUCache<String, Entry>>

  init(capacity: Int) { cache = Mutex(LRUCache(capacity: capacity)) }

  /// The facts of `profile`, decoded by `decode` only when they are not already known.
  func facts(_ id: String, _ profile: JSONValue, decode: () -> Profile) -> Profile {
    if let entry = cache.withLock({ $0.get(id) }), entry.profile == profile { return entry.facts }
    let facts = decode()
    cache.withLock { $0.set(id, Entry(profile: profile, facts: facts)) }
    return facts
  }
}
