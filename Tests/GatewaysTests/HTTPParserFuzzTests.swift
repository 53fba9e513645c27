import Foundation
import Gateways
import Testing

/// SplitMix64: a tiny seeded generator so a failing fuzz case replays from its seed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A seeded mutation fuzz loop over the HTTP parser and the JSON front ends.
///
/// It checks invariants rather than outputs. `FUZZ_SEED` and `FUZZ_ITERATIONS` set the run
/// (defaults: 1 and 5,000; 50,000 take about 3 s in a debug build).
@Suite("Fuzzing")
struct HTTPParserFuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let seed = UInt64(environment["FUZZ_SEED"] ?? "") ?? 1
  static let iterations = Int(environment["FUZZ_ITERATIONS"] ?? "") ?? 5_000

  static let seeds: [[UInt8]] = {
    let texts: [String] = [
      httpRequest("GET", "/healthz"),
      httpRequest("POST", "/chat", body: #"{"sender":"a","text":"안녕"}"#),
      "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
      httpRequest("POST", "/kakao/skill", body: "{}", headers: ["Expect: 100-continue"]),
      "\r\n" + httpRequest("HEAD", "/metrics", headers: ["Connection: close", "X: a:b"]),
    ]
    return texts.map { Array($0.utf8) }
  }()

  static let tokens: [[UInt8]] = [
    "\r\n", "\r\n\r\n", ":", " ", "Content-Length: ", "99999999999999999999", "-1",
    "Transfer-Encoding: chunked\r\n", "Connection: close\r\n", "HTTP/1.1", "\u{0}", "\u{FFFD}",
  ].map { Array($0.utf8) }

  static func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var bytes = input
    for _ in 0...Int.random(in: 0..<4, using: &random) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
      switch Int.random(in: 0..<6, using: &random) {
      case 0 where position < bytes.count:
        bytes[position] ^= UInt8.random(in: 1...255, using: &random)
      case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
      case 2 where position < bytes.count:
        let end = min(bytes.count, position + Int.random(in: 1...16, using: &random))
        bytes.removeSubrange(position..<end)
      case 3: bytes.insert(contentsOf: tokens.randomElement(using: &random) ?? [], at: position)
      case 4 where position < bytes.count:
        let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
        bytes.insert(contentsOf: bytes[position..<end], at: position)
      default: bytes = Array(bytes.prefix(position))
      }
    }
    return bytes
  }

  @Test("the parser never traps; complete requests are consistent, and their prefixes need more")
  func parserInvariants() {
    let parser = HTTPParser(maxHeadBytes: 512, maxBodyBytes: 128)
    var random = SplitMix64(state: Self.seed)
    for iteration in 0..<Self.iterations {
      let seed = Self.seeds[iteration % Self.seeds.count]
      let input = Self.mutate(seed, &random)
      switch parser.parse(input) {
      case .complete(let request, let consumed):
        #expect(consumed > 0 && consumed <= input.count, "seed \(Self.seed) #\(iteration)")
        #expect(request.body.count <= 128 && consumed - request.body.count <= 512)
        let extended = input + Array("GET".utf8)
        #expect(parser.parse(extended) == .complete(request, consumed: consumed))
        let cut = Int.random(in: 0..<consumed, using: &random)
        let prefix = parser.parse(Array(input.prefix(cut)))
        #expect(
          prefix == .needsHead || prefix == .needsBody(expectContinue: false)
            || prefix == .needsBody(expectContinue: true),
          "seed \(Self.seed) #\(iteration): prefix \(cut) of \(input) gave \(prefix)")
      case .invalid(let error):
        #expect([400, 413, 431, 501, 505].contains(error.status))
      case .needsHead, .needsBody:
        break
      }
    }
  }

  @Test("the JSON front ends answer or reject any body without trapping")
  func endpointBodies() async {
    let router = Router(metrics: GatewayMetrics())
    let responder = EchoResponder()
    let bodies: [[UInt8]] = [
      #"{"sender":"a","text":"안녕","speaker":true}"#, #"{"sender":"a","message":"x"}"#,
      #"{"userRequest":{"utterance":"u","user":{"id":"i"}}}"#,
      #"{"action":{"actionName":"a","parameters":{"p":{"value":"v"}}},"context":{"session":{"id":"s"}}}"#,
    ].map { Array($0.utf8) }
    var random = SplitMix64(state: Self.seed)
    for iteration in 0..<(Self.iterations / 5) {
      let body = Self.mutate(bodies[iteration % bodies.count], &random)
      for path in ["/chat", "/webhooks/rest/webhook", "/kakao/skill", "/speaker"] {
        let response = await router.response(
          for: HTTPRequest(method: "POST", target: path, body: body), responder: responder)
        #expect(response.status == 200 || response.status == 400)
      }
    }
  }
}
