/// The lanes a kernel runs over: the batch's citizens, or the elements of lists inside an
/// aggregate (each with the lane of the space it came from and the citizen it belongs to).
struct VectorSpace {
  var count: Int
  /// 1 where the kernel's result is read (and it may fail or follow an offset).
  var active: UnsafeMutablePointer<Int>
  /// The citizen of each lane (identity for the citizens' own space).
  var root: UnsafeMutablePointer<Int>
  /// The lane of the enclosing space each lane belongs to.
  var parent: UnsafeMutablePointer<Int>
  /// In the elements of an aggregate that locates faults (`VectorMachine.locating`): 1 where
  /// the lane has failed so far.
  var lanesFailed: UnsafeMutablePointer<Int>? = nil
}
