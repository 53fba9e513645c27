import Foundation
import Gateways
import Testing

/// `POST /nugu/{actionName}` and `POST /speaker`: the API key check and the action path.
@Suite("NUGU backend proxy")
struct NuguEndpointTests {
  static let body = Array(
    #"{"version":"2.0","action":{"actionName":"answer.checkup","parameters":{}},"context":{"session":{"id":"s"}}}"#
      .utf8)

  private func post(
    _ path: String, authorization: String?, key: String? = "k3y", body: [UInt8] = Self.body
  ) async -> HTTPResponse {
    let router = Router(metrics: GatewayMetrics(), nuguKey: key.flatMap(SharedSecret.init))
    let headers = authorization.map { [HTTPHeader("Authorization", $0)] } ?? []
    return await router.response(
      for: HTTPRequest(method: "POST", target: path, headers: headers, body: body),
      responder: EchoResponder())
  }

  @Test("with a key configured, both paths need 'Authorization: token <key>'")
  func keyRequired() async {
    for path in ["/nugu/answer.checkup", "/speaker"] {
      #expect(await post(path, authorization: "token k3y").status == 200, "\(path)")
      #expect(await post(path, authorization: "Token k3y").status == 200, "\(path)")
      for wrong in [nil, "token k3", "token k3yy", "Bearer k3y", "k3y"] {
        let response = await post(path, authorization: wrong)
        #expect(response.status == 401, "\(path) \(wrong ?? "none")")
        #expect(response.headers.contains { $0.name == "WWW-Authenticate" })
      }
    }
  }

  @Test("without a key configured, Play Builder's test calls (no header) are answered")
  func noKeyConfigured() async {
    #expect(await post("/nugu/answer.checkup", authorization: nil, key: nil).status == 200)
    #expect(await post("/nugu/answer.checkup", authorization: "token x", key: nil).status == 200)
  }

  @Test("the action in the path must be one plain segment and match the body")
  func actionPath() async {
    #expect(SpeakerEndpoint.actionName(in: "/nugu/answer.checkup") == "answer.checkup")
    #expect(SpeakerEndpoint.actionName(in: "/nugu/") == nil)
    #expect(SpeakerEndpoint.actionName(in: "/nugu/a/b") == nil)
    #expect(SpeakerEndpoint.actionName(in: "/nugu/a%20b") == nil)
    #expect(await post("/nugu/", authorization: "token k3y").status == 404)
    #expect(await post("/nugu/a/b", authorization: "token k3y").status == 404)
    let mismatch = await post("/nugu/answer.tax", authorization: "token k3y")
    #expect(mismatch.status == 400)
    #expect(
      String(decoding: mismatch.body, as: UTF8.self)
        == #"{"error":"field 'action.actionName' must be 'answer.tax', the action in the path"}"#)
  }
}
