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
  private let cache = Mutex<[String: JSONValue]>([:])

  public init(demoDirectory: String?, dataDirectory: String) {
    self.demoDirectory = demoDirectory
    self.learnedDirectory = (dataDirectory as NSString).appendingPathComponent("citizens")
    self.dataDirectory = dataDirectory
  }

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
  public func profile(_ id: String) throws(Failure) -> JSONValue {
    guard Self.isValidID(id) else { throw .invalidID(id) }
    if let cached = cache.withLock({ $0[id] }) { return cached }
    for directory in [learnedDirectory, demoDirectory].compactMap({ $0 }) {
      let path = (directory as NSString).appendingPathComponent(id + ".json")
      guard FileManager.default.fileExists(atPath: path) else { continue }
      switch Self.read(path) {
      case .success(let value):
        cache.withLock { $0[id] = value }
        return value
      case .failure(let d): throw .malformed(d)
      }
    }
    throw .unknownCitizen(id, known: citizenIDs())
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
    cache.withLock { $0[id] = profile }
  }

  /// Creates a profile with nothing known but its id (`guest-1`, `guest-2`, …) and saves it.
  public func newCitizen() throws(Failure) -> String {
    let taken = Set(citizenIDs())
    var n = 1
    while taken.contains("guest-\(n)") { n += 1 }
    let id = "guest-\(n)"
    try save(id, .object([("id", .string(id))]))
    return id
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
