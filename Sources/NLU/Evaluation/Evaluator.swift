import Foundation

/// Trains (optionally) and scores a classifier on labelled data, timing both.
package enum Evaluator {
  /// Scores `predict` on `test`, timing one call per utterance.
  ///
  /// On a shared machine one pass is noisy, so the loop runs `passes` times (predictions are
  /// the same each time) and the fastest pass counts, as the Python baselines do.
  ///
  /// - Parameters:
  ///   - test: the labelled test set.
  ///   - passes: how many timed passes over `test`.
  ///   - predict: the classifier, one utterance per call.
  /// - Returns: the report (training fields zero).
  package static func evaluate(
    _ test: [LabeledText], passes: Int = 3, predict: (String) -> String
  ) -> EvaluationReport {
    evaluate(test, passes: passes) { (predict($0), Double.nan) }
  }

  /// Scores `predict` on `test` as above; when it also gives the confidence of each label, the
  /// report carries the expected calibration error and its reliability diagram.
  ///
  /// - Parameters:
  ///   - test: the labelled test set.
  ///   - passes: how many timed passes over `test`.
  ///   - predict: the classifier: the label and its confidence (NaN when it has none).
  /// - Returns: the report (training fields zero).
  package static func evaluate(
    _ test: [LabeledText], passes: Int = 3, predict: (String) -> (String, Double)
  ) -> EvaluationReport {
    let clock = ContinuousClock()
    var predicted: [String] = []
    var confidences: [Double] = []
    var fastest = Duration.seconds(Int64.max)
    var fastestCPU = Double.infinity
    for _ in 0..<max(passes, 1) {
      predicted.removeAll(keepingCapacity: true)
      predicted.reserveCapacity(test.count)
      confidences.removeAll(keepingCapacity: true)
      confidences.reserveCapacity(test.count)
      let cpuStart = ThreadCPUTime.seconds
      let elapsed = clock.measure {
        for item in test {
          let (label, confidence) = predict(item.text)
          predicted.append(label)
          confidences.append(confidence)
        }
      }
      fastestCPU = min(fastestCPU, ThreadCPUTime.seconds - cpuStart)
      fastest = min(fastest, elapsed)
    }
    var report = EvaluationReport.score(expected: test.map(\.label), predicted: predicted)
    if !confidences.isEmpty, confidences.allSatisfy(\.isFinite) {
      let correct = zip(test, predicted).map { $0.label == $1 }
      let bins = Reliability.bins(confidences: confidences, correct: correct)
      report.reliability = bins
      report.expectedCalibrationError = Reliability.expectedError(bins)
    }
    let seconds = fastest.seconds
    report.utterancesPerSecond = seconds > 0 ? Double(test.count) / seconds : 0
    report.utterancesPerCPUSecond = fastestCPU > 0 ? Double(test.count) / fastestCPU : 0
    return report
  }

  /// Trains a `TextClassifier` on `train` and scores it on `test`.
  ///
  /// - Parameters:
  ///   - train: the training set.
  ///   - test: the test set.
  ///   - features: feature options.
  ///   - training: training options.
  ///   - passes: timed passes over `test` (the fastest counts).
  /// - Returns: the report, with training time and size filled in.
  package static func trainAndEvaluate(
    train: [LabeledText], test: [LabeledText], features: FeatureOptions,
    training: TrainingOptions, passes: Int = 3
  ) -> (classifier: TextClassifier, report: EvaluationReport) {
    let clock = ContinuousClock()
    var classifier: TextClassifier?
    let cpuStart = ThreadCPUTime.seconds
    let trainTime = clock.measure {
      classifier = TextClassifier.train(train, features: features, training: training)
    }
    let cpu = ThreadCPUTime.seconds - cpuStart
    guard let classifier else { preconditionFailure("training always returns a model") }
    var scratch = TextClassifier.Scratch()
    let labels = classifier.model.labels
    var report = evaluate(test, passes: passes) { text in
      classifier.top(text, scratch: &scratch).map { (labels[$0.label], Double($0.probability)) }
        ?? ("", 0)
    }
    report.trainCount = train.count
    report.trainSeconds = trainTime.seconds
    report.trainCPUSeconds = cpu
    return (classifier, report)
  }
}

/// CPU time of the calling thread, for training times that do not depend on machine load.
package enum ThreadCPUTime {
  /// Seconds of CPU the calling thread has used.
  package static var seconds: Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}

extension Duration {
  /// This duration in seconds.
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
