#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock held for the life of the value, through `flock(2)` on a lock file.
///
/// The lock is on a separate file that is never replaced: data files are written to a
/// temporary file and renamed over (`AtomicFile`), and a lock on the data file would stay
/// with the old inode, so a second writer could lock the new file while the first still
/// writes.
public struct FileLock: ~Copyable {
  private let descriptor: Int32
  public let path: String

  /// Blocks until the lock is held. Creates the lock file (mode 0600) if needed, never
  /// replacing one that another process holds.
  public init(path: String) throws(Failure) {
    let descriptor: Int32
    do {
      descriptor = try Syscalls.open(path, O_RDWR | O_CREAT, mode: 0o600)
    } catch {
      throw Failure(message: "\(path): cannot open the lock file: \(error)")
    }
    do {
      try Syscalls.lockExclusive(descriptor)
    } catch {
      Syscalls.close(descriptor)
      throw Failure(message: "\(path): cannot lock: \(error)")
    }
    self.descriptor = descriptor
    self.path = path
  }

  deinit {
    // Closing the descriptor releases the lock.
    Syscalls.close(descriptor)
  }
}
