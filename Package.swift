// swift-tools-version:6.2
import PackageDescription

// Targets follow docs/architecture.md; imports point one way only (lower layers never import
// higher ones). No package dependencies: the toolchain is the whole platform.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "Biseo",
  products: [
    .executable(name: "biseo", targets: ["biseo"])
  ],
  targets: [
    // Leaves.
    .target(name: "Diagnostics", swiftSettings: strict),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"], swiftSettings: strict),
    .target(name: "Hangul", swiftSettings: strict),
    .testTarget(name: "HangulTests", dependencies: ["Hangul"], swiftSettings: strict),
    .target(name: "CivilCalendar", dependencies: ["Diagnostics"], swiftSettings: strict),
    .testTarget(
      name: "CivilCalendarTests", dependencies: ["CivilCalendar", "Diagnostics"],
      exclude: ["Fixtures"], swiftSettings: strict),

    // Understanding Korean, and the rule language.
    .target(
      name: "NLU", dependencies: ["Hangul", "Diagnostics", "CivilCalendar"], swiftSettings: strict),
    .testTarget(
      name: "NLUTests", dependencies: ["NLU", "Hangul", "Diagnostics", "CivilCalendar"],
      exclude: ["Golden"],
      swiftSettings: strict),
    .target(
      name: "RuleLanguage", dependencies: ["CivilCalendar", "Diagnostics", "Hangul"],
      swiftSettings: strict),
    .testTarget(
      name: "RuleLanguageTests", dependencies: ["RuleLanguage"], exclude: ["Golden"],
      swiftSettings: strict),

    // Delivery: the durable ledger, channels and the dispatcher (a leaf; see docs/architecture.md).
    .target(name: "Delivery", swiftSettings: strict),
    .executableTarget(
      name: "journal-crash-writer", dependencies: ["Delivery"], swiftSettings: strict),
    .testTarget(
      name: "DeliveryTests", dependencies: ["Delivery", "journal-crash-writer"],
      exclude: ["Peers"], swiftSettings: strict),

    // The secretary: profiles, rule book, dialogue, planning, rendering.
    .target(
      name: "Secretary",
      dependencies: ["Hangul", "NLU", "CivilCalendar", "RuleLanguage", "Diagnostics", "Delivery"],
      swiftSettings: strict),
    .testTarget(
      name: "SecretaryTests", dependencies: ["Secretary"], exclude: ["Golden"],
      swiftSettings: strict),

    // Front ends.
    .target(
      name: "Gateways", dependencies: ["Hangul", "Secretary", "CivilCalendar"],
      swiftSettings: strict),
    .testTarget(
      name: "GatewaysTests",
      dependencies: ["Gateways", "Secretary", "CivilCalendar"],
      exclude: ["Contracts"],
      swiftSettings: strict),

    // The command.
    .executableTarget(
      name: "biseo",
      dependencies: [
        "Hangul", "NLU", "Diagnostics", "CivilCalendar", "RuleLanguage", "Secretary", "Delivery",
        "Gateways",
      ],
      swiftSettings: strict),
    .testTarget(
      name: "BiseoEndToEndTests", dependencies: ["biseo"], exclude: ["Peers"],
      swiftSettings: strict),

    // Benchmarks (run by hand: swift run -c release NAME).
    .executableTarget(
      name: "chat-bench", dependencies: ["Secretary", "CivilCalendar"], path: "bench/chat/Sources",
      swiftSettings: strict),
    .executableTarget(
      name: "planning-bench", dependencies: ["Secretary", "CivilCalendar"],
      path: "bench/planning/Sources", swiftSettings: strict),
    .executableTarget(
      name: "hangul-bench", dependencies: ["Hangul"], path: "bench/hangul/Sources",
      swiftSettings: strict),
    .executableTarget(
      name: "rules-bench", dependencies: ["RuleLanguage", "CivilCalendar"],
      path: "bench/rules/Sources", swiftSettings: strict),
    // libFuzzer target over the rule language; a plain build replays inputs (bench/fuzz/run.sh).
    .executableTarget(
      name: "fuzz-rules", dependencies: ["RuleLanguage", "CivilCalendar"],
      path: "bench/fuzz/Sources", swiftSettings: strict),
    .executableTarget(
      name: "delivery-bench", dependencies: ["Delivery"], path: "bench/daemon/Sources",
      swiftSettings: strict),
  ]
)
