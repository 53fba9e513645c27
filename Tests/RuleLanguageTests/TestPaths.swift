import Foundation

/// Folders of the repository, found from this file so tests run from any directory.
enum TestPaths {
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
  static let golden = testsFolder.appendingPathComponent("Golden")
  static let specRules = repository.appendingPathComponent("bench/rules/spec")
}
