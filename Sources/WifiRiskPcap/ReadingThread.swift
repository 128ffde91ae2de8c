import Glibc

/// The thread that reads a capture out of libpcap while the calling thread takes its frames
/// apart. A POSIX thread rather than Foundation's, because only pthread_create says when the
/// system has no thread to give: the caller then does the work itself instead of waiting
/// for batches that would never come.
enum ReadingThread {
  /// Runs `body` on a new, detached thread; false (and `body` dropped, never run) when no
  /// thread could be created.
  static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
    let context = unsafe Unmanaged.passRetained(Body(body)).toOpaque()
    var thread = pthread_t()
    let status = unsafe pthread_create(
      &thread, nil,
      { context in
        guard let context = unsafe context else { return nil }
        unsafe Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
        return nil
      }, context)
    guard status == 0 else {
      unsafe Unmanaged<Body>.fromOpaque(context).release()
      return false
    }
    _ = pthread_detach(thread)
    return true
  }

  /// The closure, boxed to travel through pthread_create's untyped argument.
  private final class Body: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }
}
