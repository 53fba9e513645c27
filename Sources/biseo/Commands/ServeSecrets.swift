import Diagnostics
import Foundation
import Gateways
import Secretary

/// The tokens `biseo serve` checks requests against, from the environment or `--config`.
///
/// The environment wins over the file, so a container can keep the file in the image and the
/// token in its secret store. Neither value is ever printed.
enum ServeSecrets {
  /// `BISEO_ADMIN_TOKEN`: enables `POST /admin/reload`.
  static let adminVariable = "BISEO_ADMIN_TOKEN"
  /// `BISEO_NUGU_API_KEY`: required on NUGU requests when set.
  static let nuguVariable = "BISEO_NUGU_API_KEY"
  private static let keys = ["adminToken", "nuguApiKey"]

  /// The admin token and the NUGU key, each nil when configured nowhere.
  ///
  /// - Parameters:
  ///   - configPath: the `--config` JSON file, if given.
  ///   - environment: the process environment.
  ///   - console: where a warning about a readable file goes.
  /// - Returns: the secrets.
  /// - Throws: `CommandError` for an unreadable or malformed file.
  static func load(configPath: String?, environment: [String: String], console: Console) throws
    -> (admin: SharedSecret?, nugu: SharedSecret?)
  {
    var file: [String: String] = [:]
    if let configPath {
      guard let text = try? String(contentsOfFile: configPath, encoding: .utf8) else {
        throw CommandError.badInput("cannot read the config '\(configPath)'")
      }
      let json: JSONValue
      switch JSONParser.parse(text, path: configPath) {
      case .success(let value): json = value
      case .failure(let diagnostic):
        throw CommandError.badInput(
          DiagnosticRenderer(sources: [configPath: text]).render(diagnostic))
      }
      guard case .object(let members) = json else {
        throw CommandError.badInput("\(configPath): the config must be a JSON object")
      }
      for (key, value) in members {
        // A misspelt key would silently leave an endpoint open or absent.
        guard keys.contains(key) else {
          throw CommandError.badInput(
            "\(configPath): unknown key '\(key)' (known: \(keys.joined(separator: ", ")))")
        }
        guard let string = value.stringValue else {
          throw CommandError.badInput("\(configPath): '\(key)' must be a string")
        }
        file[key] = string
      }
      if let mode = try? FileManager.default.attributesOfItem(atPath: configPath)[.posixPermissions]
        as? Int, mode & 0o077 != 0, !file.isEmpty
      {
        console.error("biseo serve: warning: '\(configPath)' holds tokens and others can read it\n")
      }
    }
    let admin = (environment[adminVariable] ?? file["adminToken"]).flatMap(SharedSecret.init)
    let nugu = (environment[nuguVariable] ?? file["nuguApiKey"]).flatMap(SharedSecret.init)
    return (admin, nugu)
  }
}
