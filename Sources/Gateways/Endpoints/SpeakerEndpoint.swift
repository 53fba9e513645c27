import Hangul

/// Speakers: the SK NUGU backend proxy (conventions.md §4) at `POST /nugu/{actionName}`, and
/// the same shape at `POST /speaker` for speakers that post to one fixed URL.
///
/// The utterance is the action parameter `utterance` when present, otherwise the action name;
/// the sender is `context.session.id`. The answer echoes every request parameter in `output`
/// and adds `answer`: the reply as plain text (NUGU prompts never take SSML).
package enum SpeakerEndpoint {
  /// The output parameter that carries the spoken answer.
  package static let answerParameter = "answer"
  /// NUGU appends the action name to the backend URL registered as `https://host/nugu`.
  package static let nuguPrefix = "/nugu/"

  /// The action name in a `/nugu/{actionName}` path: one segment of letters, digits, `.`,
  /// `_` and `-`, as Play Builder names actions; nil for anything else.
  ///
  /// - Parameter path: the request path.
  /// - Returns: the action name.
  package static func actionName(in path: String) -> String? {
    guard path.hasPrefix(nuguPrefix) else { return nil }
    let name = path.dropFirst(nuguPrefix.count)
    let valid = name.utf8.allSatisfy { byte in
      (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        || byte == 45 || byte == 46 || byte == 95
    }
    return valid && !name.isEmpty && name.utf8.count <= 128 ? String(name) : nil
  }

  /// Reads a backend-proxy request.
  ///
  /// - Parameters:
  ///   - bytes: the body.
  ///   - pathAction: the action name from the path (`/nugu/{actionName}`), which must be the
  ///     body's `action.actionName`; nil for `/speaker`.
  /// - Returns: the request (speaker = true) and the parameter values to echo.
  /// - Throws: `JSONBody.DecodeError`.
  package static func request(
    from bytes: some Collection<UInt8>, pathAction: String? = nil
  ) throws(JSONBody.DecodeError) -> (ChatRequest, parameters: [String: String]) {
    let object = try JSONBody.object(bytes)
    guard let action = object["action"] as? [String: Any] else {
      throw .field("action", expected: "an object")
    }
    let actionName = try JSONBody.string(action, "actionName")
    if let pathAction, pathAction != actionName {
      throw .field("action.actionName", expected: "'\(pathAction)', the action in the path")
    }
    var parameters: [String: String] = [:]
    for (name, raw) in action["parameters"] as? [String: Any] ?? [:] {
      if let value = (raw as? [String: Any])?["value"] as? String { parameters[name] = value }
    }
    let context = object["context"] as? [String: Any]
    let session = context?["session"] as? [String: Any]
    let sessionID = session?["id"] as? String ?? ""
    guard !sessionID.isEmpty else {
      throw .field("context.session.id", expected: "a non-empty string")
    }
    let text = TextNormalizer.normalize(parameters["utterance"] ?? actionName)
    let request = ChatRequest(sender: sessionID, text: text, speaker: true, platform: .nugu)
    return (request, parameters)
  }

  /// The backend-proxy response.
  ///
  /// - Parameters:
  ///   - reply: the answer.
  ///   - parameters: the request's parameter values, echoed in `output`.
  /// - Returns: compact JSON bytes.
  package static func encode(_ reply: ChatReply, parameters: [String: String]) -> [UInt8] {
    var output = parameters.mapValues(JSONOutput.string)
    output[answerParameter] = .string(reply.plainSpeech)
    return JSONBody.encode([
      "version": "2.0", "resultCode": "OK", "output": .object(output), "directives": [],
    ])
  }

  /// The outcome of a backend-proxy request, after the API key check.
  ///
  /// - Parameters:
  ///   - request: the HTTP request.
  ///   - pathAction: the action name from the path, or nil for `/speaker`.
  ///   - key: the configured API key; nil accepts every request (Play Builder's test calls
  ///     carry no key).
  /// - Returns: 401 for a missing or wrong `Authorization: token <key>`, 400 for a bad body,
  ///   else the chat to answer.
  static func outcome(_ request: HTTPRequest, pathAction: String?, key: SharedSecret?)
    -> RouteOutcome
  {
    if let key, !key.authorizes(request.header("Authorization"), scheme: "token") {
      var response = HTTPResponse.error(401, "a valid NUGU API key is required")
      response.headers.append(HTTPHeader("WWW-Authenticate", "token realm=\"biseo\""))
      return .immediate(response)
    }
    do throws(JSONBody.DecodeError) {
      let (chat, parameters) = try Self.request(from: request.body, pathAction: pathAction)
      return .chat(chat) { .json(200, encode($0, parameters: parameters)) }
    } catch {
      return .immediate(.error(400, error.description))
    }
  }
}
