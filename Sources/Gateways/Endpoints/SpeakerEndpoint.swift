import Hangul

/// Speakers: `POST /speaker` in the SK NUGU backend-proxy shape (conventions.md §4).
///
/// The utterance is the action parameter `utterance` when present, otherwise the action name;
/// the sender is `context.session.id`. The answer echoes every request parameter in `output`
/// and adds `answer`: the reply as plain text (NUGU prompts never take SSML).
package enum SpeakerEndpoint {
  /// The output parameter that carries the spoken answer.
  package static let answerParameter = "answer"

  /// Reads a backend-proxy request.
  ///
  /// - Parameter bytes: the body.
  /// - Returns: the request (speaker = true) and the parameter values to echo.
  /// - Throws: `JSONBody.DecodeError`.
  package static func request(from bytes: some Collection<UInt8>) throws(JSONBody.DecodeError)
    -> (ChatRequest, parameters: [String: String])
  {
    let object = try JSONBody.object(bytes)
    guard let action = object["action"] as? [String: Any] else {
      throw .field("action", expected: "an object")
    }
    let actionName = try JSONBody.string(action, "actionName")
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
}
