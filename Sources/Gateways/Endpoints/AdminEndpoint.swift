import Dispatch

/// `POST /admin/reload` (load rules and intents again without a restart) and `POST /admin/link`
/// (a one-time link code for a verified citizen).
///
/// Exists only when an admin token is configured; every request must carry
/// `Authorization: Bearer <token>` (RFC 6750), compared in constant time. A reload that fails
/// answers 422 with the located diagnostics and leaves the running secretary in place.
package enum AdminEndpoint {
  /// The reload path.
  package static let reloadPath = "/admin/reload"
  /// The path that issues link codes.
  package static let linkPath = "/admin/link"
  /// Reloads run one at a time, on a thread of their own (loading may train a model).
  private static let queue = DispatchQueue(label: "biseo-admin-reload")

  /// The outcome of an admin request.
  ///
  /// - Parameters:
  ///   - request: the request (its `Authorization` header is read).
  ///   - token: the configured token.
  ///   - services: what reloads.
  /// - Returns: 401 without the token, else the reload's answer.
  static func reload(
    _ request: HTTPRequest, token: SharedSecret, services: any SecretaryServices
  ) -> RouteOutcome {
    if let refusal = refusal(request, token: token) { return .immediate(refusal) }
    return .work(queue) { response(for: services.reload()) }
  }

  /// `POST /admin/link` with `{"citizen": ID}`: a one-time link code for a citizen the
  /// operator verified, as `biseo link --citizen ID` prints it.
  ///
  /// - Returns: 401 without the token, 400 for a bad body, 404 for an unknown citizen, else
  ///   200 `{"citizen","code","expires"}` (expires in Unix seconds).
  static func link(
    _ request: HTTPRequest, token: SharedSecret, services: any SecretaryServices
  ) -> RouteOutcome {
    if let refusal = refusal(request, token: token) { return .immediate(refusal) }
    let citizen: String
    do throws(JSONBody.DecodeError) {
      citizen = try JSONBody.string(try JSONBody.object(request.body), "citizen")
    } catch {
      return .immediate(.error(400, error.description))
    }
    return .work(queue) {
      do {
        guard let issued = try services.issueLinkCode(citizen: citizen) else {
          return .error(404, "no such citizen")
        }
        return .json(
          200,
          JSONBody.encode([
            "citizen": .string(citizen), "code": .string(issued.code),
            "expires": .int(issued.expires),
          ]))
      } catch {
        return .error(503, "the link journal cannot be written")
      }
    }
  }

  /// 401 with the RFC 6750 challenge unless the request carries the admin token.
  private static func refusal(_ request: HTTPRequest, token: SharedSecret) -> HTTPResponse? {
    let header = request.header("Authorization")
    guard token.authorizes(header, scheme: "Bearer") else {
      // RFC 6750 §3.1: no error code when no credentials came, invalid_token for wrong ones.
      let challenge =
        header == nil ? "Bearer realm=\"biseo\"" : "Bearer realm=\"biseo\", error=\"invalid_token\""
      var response = HTTPResponse.error(
        401, header == nil ? "an admin token is required" : "the admin token is not valid")
      response.headers.append(HTTPHeader("WWW-Authenticate", challenge))
      return response
    }
    return nil
  }

  /// The JSON answer for a reload.
  ///
  /// - Parameter outcome: what the reload did.
  /// - Returns: 200 `{"status":"reloaded","diagnostics":[…]}` (warnings only), or 422
  ///   `{"error":…,"diagnostics":[…],"report":…}`.
  package static func response(for outcome: ReloadOutcome) -> HTTPResponse {
    let diagnostics = JSONOutput.array(ReportLines.diagnostics(in: outcome.report))
    if outcome.applied {
      return .json(
        200, JSONBody.encode(["status": "reloaded", "diagnostics": diagnostics]))
    }
    return .json(
      422,
      JSONBody.encode([
        "error": "reload failed; the running rules and intents stay",
        "diagnostics": diagnostics, "report": .string(outcome.report),
      ]))
  }
}

/// Reads the header lines of a rendered diagnostic report back into fields.
///
/// The loaders hand the gateways a rendered report (`DiagnosticRenderer`); each diagnostic
/// starts with `path:line:column: severity: message [CODE]`, followed by source lines and
/// notes, which are left in the report.
package enum ReportLines {
  /// The diagnostics of a report, in order, as JSON objects with `path`, `line`, `column`,
  /// `severity`, `message` and `code` (empty when the diagnostic has none).
  ///
  /// - Parameter report: the rendered report.
  /// - Returns: one object per diagnostic header line.
  package static func diagnostics(in report: String) -> [JSONOutput] {
    report.split(separator: "\n").compactMap { line -> JSONOutput? in
      for severity in ["error", "warning", "note"] {
        guard let marker = line.firstRange(of: ": \(severity): ") else { continue }
        let location = line[..<marker.lowerBound].split(separator: ":")
        guard location.count >= 3, let column = Int(location[location.count - 1]),
          let number = Int(location[location.count - 2])
        else { continue }
        let path = location.dropLast(2).joined(separator: ":")
        var message = String(line[marker.upperBound...])
        var code = ""
        if message.hasSuffix("]"), let open = message.lastIndex(of: "["),
          open > message.startIndex, message[message.index(before: open)] == " "
        {
          code = String(
            message[message.index(after: open)..<message.index(before: message.endIndex)])
          message = String(message[..<message.index(before: open)])
        }
        return .object([
          "path": .string(path), "line": .int(number), "column": .int(column),
          "severity": .string(severity), "message": .string(message), "code": .string(code),
        ])
      }
      return nil
    }
  }
}
