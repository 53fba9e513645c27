// swift-tools-version:6.2
import PackageDescription

// Targets follow docs/architecture.md; imports point one way only (lower layers never import
// higher ones). No package dependencies: the toolchain is the whole platform.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "Biseo",
  targets: [
    .target(name: "Diagnostics", swiftSettings: strict),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"], swiftSettings: strict),
    .target(name: "Delivery", swiftSettings: strict),
    .executableTarget(
      name: "journal-crash-writer", dependencies: ["Delivery"], swiftSettings: strict),
    .executableTarget(
      name: "delivery-bench", dependencies: ["Delivery"], path: "bench/daemon",
      swiftSettings: strict),
    .testTarget(
      name: "DeliveryTests", dependencies: ["Delivery", "journal-crash-writer"],
      exclude: ["Peers"], swiftSettings: strict),
  ]
)
