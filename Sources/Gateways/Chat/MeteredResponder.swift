/// Counts every answered message by front end and intent, around the real responder, so
/// HTTP and line-JSON messages are counted in one place.
struct MeteredResponder: ChatResponder {
  let base: any ChatResponder
  let metrics: GatewayMetrics

  func respond(to request: ChatRequest) async -> ChatReply {
    let reply = await base.respond(to: request)
    metrics.countMessage(frontend: request.platform.rawValue, intent: reply.intent)
    return reply
  }
}
