import Diagnostics
import Foundation
import Synchronization

/// Where citizens' profiles live: the demo citizens shipped in `Corpus/profiles/` and what
/// the secretary learned, kept in the data directory (`DATA/citizens/ID.json`).
///
/// A learned profile is the whole profile, written atomically, so a crash between two facts
/// never leaves half a file; it shadows the demo file of the same id.
public final class ProfileStore: Sendable {
  public enum Failure: Error, CustomStringConvertible {
    case unknownCitizen(String, known: [String])
    case invalidID(String)
    case malformed(Diagnostic)
    case storage(String)

    public var description: String {
      switch self {
      case .unknownCitizen(let id, let known):
        "no citizen '\(id)'" + (known.isEmpty ? "" : "; known: \(known.joined(separator: ", "))")
      case .invalidID(let id): "'\(id)' is not a valid citizen id (letters, digits, '-' and '_')"
      case .malformed(let d): DiagnosticRenderer().render(d)
      case .storage(let message): message
      }
    }
  }

  let demoDirectory: String?
  private let learnedDirectory: String
  /// The data directory learned profiles and the consent log live in.
  public let dataDirectory: String
  /// A parsed profile and the file it came from, as `stat` saw it when it was read.
  private struct Cached: Sendable {
    var value: JSONValue
    var stamp: FileStamp
  }
  private let cache: Mutex<LRUCache<String, Cached>>
  /// Read-modify-write of one citizen's profile at a time (`update`), striped by id.
  private let stripes: [NSLock] = (0..<64).map { _ in NSLock() }
  private let creating = Mutex(())

  /// - Parameters:
  ///   - demoDirectory: the shipped demo profiles, if any.
  ///   - dataDirectory: where learned profiles are kept.
  ///   - cacheCapacity: most parsed profiles kept in memory (least recently used dropped).
  public init(demoDirectory: String?, dataDirectory: String, cacheCapacity: Int = 10_000) {
    self.demoDirectory = demoDirectory
    self.learnedDirectory = (dataDirectory as NSString).appendingPathComponent("citizens")
    self.dataDirectory = dataDirectory
    cache = Mutex(LRUCache(capacity: cacheCapacity))
  }

  /// Parsed profiles dropped from the cache to stay within its capacity.
  public var cacheEvictions: Int { cache.withLock { $0.evictions } }

  /// Ids of every known citizen, demo and learned, sorted.
  public func citizenIDs() -> [String] {
    var ids: Set<String> = []
    for directory in [demoDirectory, learnedDirectory].compactMap({ $0 }) {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for name in names where name.hasSuffix(".json") { ids.insert(String(name.dropLast(5))) }
    }
    return ids.sorted()
  }

  /// Ids of the shipped demo citizens only (`Corpus/profiles`), sorted: the ones `serve --demo`
  /// lets a sender name.
  public func demoCitizenIDs() -> [String] {
    guard let demoDirectory else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: demoDirectory)) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// Parses every demo profile and reports each malformed one at its line and column.
  public func validate() -> [Diagnostic] {
    guard let demoDirectory else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: demoDirectory)) ?? []
    var problems: [Diagnostic] = []
    for name in names.sorted() where name.hasSuffix(".json") {
      let path = (demoDirectory as NSString).appendingPathComponent(name)
      if case .failure(let d) = Self.read(path) { problems.append(d) }
    }
    return problems
  }

  /// The citizen's profile: the learned one if any, else the demo one.
  ///
  /// A cached parse is used only while the file is the one it was parsed from (same inode,
  /// size and modification time), so a change by another process or store — an erasure by
  /// `biseo forget`, a save by a reloaded secretary — is seen at the next read.
  public func profile(_ id: String) throws(Failure) -> JSONValue {
    guard Self.isValidID(id) else { throw .invalidID(id) }
    for directory in [learnedDirectory, demoDirectory].compactMap({ $0 }) {
      let path = (directory as NSString).appendingPathComponent(id + ".json")
      guard let stamp = FileStamp(path: path) else { continue }
      if let cached = cache.withLock({ $0.get(id) }), cached.stamp == stamp {
        return cached.value
      }
      switch Self.read(path) {
      case .success(let value):
        cache.withLock { $0.set(id, Cached(value: value, stamp: stamp)) }
        return value
      case .failure(let d): throw .malformed(d)
      }
    }
    cache.withLock { $0.remove(id) }
    throw .unknownCitizen(id, known: citizenIDs())
  }

  /// Reads, changes and saves the citizen's profile with no other `update` of the same
  /// citizen in between (a citizen with no profile yet starts from `{"id": ID}`).
  ///
  /// The chat's own reads and saves are already one turn at a time per citizen (the gateway
  /// serialises turns); this is for everyone else: erasure, tools, tests.
  ///
  /// - Parameters:
  ///   - id: the citizen.
  ///   - change: the new profile from the current one.
  /// - Returns: the saved profile.
  @discardableResult
  public func update(_ id: String, _ change: (JSONValue) -> JSONValue) throws(Failure)
    -> JSONValue
  {
    guard Self.isValidID(id) else { throw .invalidID(id) }
    let lock = stripes[Int(UInt(bitPattern: id.hashValue) % UInt(stripes.count))]
    lock.lock()
    defer { lock.unlock() }
    let current: JSONValue
    do {
      current = try profile(id)
    } catch .unknownCitizen {
      current = .object([("id", .string(id))])
    }
    let changed = change(current)
    try save(id, changed)
    return changed
  }

  /// Deletes the citizen's learned profile (the demo file, shipped with the code, stays).
  ///
  /// - Returns: whether there was one.
  @discardableResult
  public func removeLearned(_ id: String) throws(Failure) -> Bool {
    guard Self.isValidID(id) else { throw .invalidID(id) }
    let path = (learnedDirectory as NSString).appendingPathComponent(id + ".json")
    cache.withLock { $0.remove(id) }
    guard FileManager.default.fileExists(atPath: path) else { return false }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw .storage("cannot remove '\(path)': \(error.localizedDescription)")
    }
    return true
  }

  /// The bytes of the citizen's profile file, the learned one if any, else the demo one; read
  /// without parsing or caching, for the planner, which hands them to the rule book's decoder
  /// for every citizen of every cycle (a cache of a million parsed profiles would not fit).
  public func contents(_ id: String) -> [UInt8]? {
    guard Self.isValidID(id) else { return nil }
    for directory in [learnedDirectory, demoDirectory].compactMap({ $0 }) {
      let path = (directory as NSString).appendingPathComponent(id + ".json")
      if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
    }
    return nil
  }

  /// Saves the citizen's whole profile durably (temp file, fsync, rename, fsync directory).
  public func save(_ id: String, _ profile: JSONValue) throws(Failure) {
    guard Self.isValidID(id) else { throw .invalidID(id) }
    let path = (learnedDirectory as NSString).appendingPathComponent(id + ".json")
    do {
      try AtomicFile.write(Array(profile.prettyText.utf8), to: path)
    } catch {
      throw .storage(error.description)
    }
    if let stamp = FileStamp(path: path) {
      cache.withLock { $0.set(id, Cached(value: profile, stamp: stamp)) }
    }
  }

  /// Creates a profile with nothing known but its id (`guest-1`, `guest-2`, …) and saves it.
  ///
  /// Two callers of one store never get the same id (the scan and the save are one step).
  public func newCitizen() throws(Failure) -> String {
    try creating.withLock { _ throws(Failure) in
      let taken = Set(citizenIDs())
      var n = 1
      while taken.contains("guest-\(n)") { n += 1 }
      let id = "guest-\(n)"
      try save(id, .object([("id", .string(id))]))
      return id
    }
  }

  static func isValidID(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 64
      && id.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
      }
  }

  static func read(_ path: String) -> Result<JSONValue, Diagnostic> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(
        .error("P0001", at: SourceSpan(path: path, line: 1, column: 1), "cannot read the file"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(
        .error(
          "P0002", at: SourceSpan(path: path, line: 1, column: 1), "the file is not UTF-8 text"))
    }
    return JSONParser.parse(text, path: path)
  }
}
