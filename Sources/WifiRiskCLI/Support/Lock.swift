import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock held for the life of the value, through `flock(2)` on a lock file.
///
/// The lock is on a separate file that is never replaced: the data file itself is written
/// to a temporary file and renamed over, and a lock on it would stay with the old inode,
/// so a second writer could lock the new file while the first still writes.
struct FileLock: ~Copyable {
  private let descriptor: Int32
  let path: String

  /// Blocks until the lock is held. Creates the lock file (mode 0600) if needed.
  init(path: String) throws(CommandFailure) {
    // open(2) rather than FileManager: creating the file must never replace one that
    // another process has already locked (FileManager writes new files by renaming).
    let descriptor = unsafe open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw CommandFailure(message: "\(path): cannot open the lock file: \(FileLock.errorText())")
    }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        let text = FileLock.errorText()
        close(descriptor)
        throw CommandFailure(message: "\(path): cannot lock: \(text)")
      }
    }
    self.descriptor = descriptor
    self.path = path
  }

  /// The text of the current `errno`.
  static func errorText() -> String {
    unsafe String(cString: strerror(errno))
  }

  deinit {
    // Closing the descriptor releases the lock.
    close(descriptor)
  }
}
