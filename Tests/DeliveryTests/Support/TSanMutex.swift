#if DELIVERY_TSAN_LOCKS
  import Delivery

  /// Under `-DDELIVERY_TSAN_LOCKS` the tests use Delivery's TSan-visible lock too.
  typealias Mutex<Value> = Delivery.Mutex<Value>
#endif
