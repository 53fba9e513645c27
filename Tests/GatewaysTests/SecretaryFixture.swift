import Foundation
import Secretary

/// The shipped rules, intents and profiles, loaded the way `biseo serve` loads them, with the
/// trained intent model cached once for every test that loads them.
enum SecretaryFixture {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// 2026-03-02 09:00 in Seoul.
  static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_772_409_600) }

  /// Paths to the repository's folders (or the given copies), with a fresh data folder.
  static func paths(rules: String? = nil, intents: String? = nil) -> SecretaryPaths {
    var paths = SecretaryPaths(
      rules: rules ?? root.appendingPathComponent("Rules").path,
      intents: intents ?? root.appendingPathComponent("Intents").path,
      profiles: root.appendingPathComponent("Corpus/profiles").path,
      faq: root.appendingPathComponent("Corpus/faq").path,
      data: NSTemporaryDirectory() + "biseo-gw-\(UUID().uuidString)")
    paths.modelCacheDirectory = NSTemporaryDirectory() + "biseo-gw-model"
    return paths
  }

  /// The shipped secretary, loaded once (on a thread of its own: loading blocks for seconds,
  /// and the cooperative pool has only as many threads as cores).
  static func sharedRuntime() async -> SecretaryRuntime? {
    try? await offThread { SecretaryResponderTests.runtime }
  }

  /// Copies of `Rules/` and `Intents/` in a fresh folder, for tests that break them.
  static func copies() throws -> (rules: String, intents: String) {
    let folder = NSTemporaryDirectory() + "biseo-gw-copy-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["Rules", "Intents"] {
      try FileManager.default.copyItem(
        atPath: root.appendingPathComponent(name).path, toPath: folder + "/" + name)
    }
    return (folder + "/Rules", folder + "/Intents")
  }
}
